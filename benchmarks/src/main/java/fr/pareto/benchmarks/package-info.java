/** JMH benchmarks; build with {@code mvn -pl benchmarks -am package} and run {@code java -jar benchmarks/target/benchmarks.jar}. */
package fr.pareto.benchmarks;
