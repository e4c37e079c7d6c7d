// Parses LogQL expressions with Grafana's LogQL grammar (@grafana/lezer-logql) and reports
// every syntax error. Input: a JSON array of strings on stdin. Output: a JSON array on stdout
// with, for each expression, {"expr", "errors": [{"from", "to", "near"}]}; an empty "errors"
// list means the expression parsed cleanly. Exit status 0 unless the input itself is unusable.
import { parser } from '@grafana/lezer-logql';

function check(expr) {
  const errors = [];
  if (expr.trim() === '') {
    errors.push({ from: 0, to: 0, near: '(empty expression)' });
    return { expr, errors };
  }
  const tree = parser.parse(expr);
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push({ from: node.from, to: node.to, near: expr.slice(Math.max(0, node.from - 10), node.to + 10) });
      }
    },
  });
  return { expr, errors };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  let expressions;
  try {
    expressions = JSON.parse(input);
  } catch (e) {
    process.stderr.write(`check-logql: stdin is not JSON: ${e.message}\n`);
    process.exit(2);
  }
  if (!Array.isArray(expressions) || expressions.some((e) => typeof e !== 'string')) {
    process.stderr.write('check-logql: expected a JSON array of strings on stdin\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(expressions.map(check)));
});
