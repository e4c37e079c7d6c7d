package fr.pareto.logging.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The generator every Pareto JSON line goes through. It keeps the line valid and safe whatever
 * the input:
 *
 * <ul>
 *   <li>a top-level field that is reserved or already written is renamed (see
 *       {@link EncodeState#claim(String)}), so no key appears twice;
 *   <li>the value of a field whose name looks like a secret is replaced by the mask, at any depth;
 *       other strings have secrets masked by {@link SecretMasker#maskText(String)};
 *   <li>unpaired UTF-16 surrogates become U+FFFD, which Jackson would otherwise reject;
 *   <li>NaN and infinities are written as the strings {@code "NaN"}, {@code "Infinity"} and
 *       {@code "-Infinity"};
 *   <li>when the encoder sets a cap, longer strings are cut and end with a marker.
 * </ul>
 *
 * <p>One instance per pooled Jackson generator; used by one thread at a time.
 */
public final class SafeJsonGenerator extends JsonGeneratorDelegate {

    /** Bound on the bytes a cut marker such as {@code ...[truncated 1234567 chars]} adds. */
    static final int MARKER_RESERVE = 40;

    private static final int MAX_FIELD_NAME_CHARS = 256;

    private final SecretMasker masker;
    private final ThreadLocal<EncodeState> states;
    private final EscapedTextCache longTexts;

    private EncodeState state;
    private int depth;
    private boolean maskNextValue;
    private int suppressedDepth;
    private String pendingName;
    private long seenPass = -1;

    SafeJsonGenerator(JsonGenerator delegate, SecretMasker masker, ThreadLocal<EncodeState> states,
            EscapedTextCache longTexts) {
        // false: writeObject serializes through this generator, so nested values are masked too.
        super(delegate, false);
        this.masker = masker;
        this.states = states;
        // Cached bytes are copied in with writeRawUTF8String, which only the byte-based generator supports.
        this.longTexts = innermost(delegate) instanceof UTF8JsonGenerator ? longTexts : null;
    }

    /** Returns the generator at the end of a chain of delegates; logstash-logback-encoder adds one. */
    private static JsonGenerator innermost(JsonGenerator generator) {
        JsonGenerator current = generator;
        while (current instanceof JsonGeneratorDelegate wrapper) {
            current = wrapper.delegate();
        }
        return current;
    }

    /** Sets the prefix under which colliding user fields are renamed; {@code null} ends user fields. */
    void collisionPrefix(String prefix) {
        state().collisionPrefix(prefix);
    }

    /**
     * Writes a top-level field that the profile owns: the name as given (it is reserved, so no
     * user field takes it) and the value cleaned like any string.
     */
    void writeOwnField(String name, String value) throws IOException {
        delegate.writeFieldName(name);
        if (value == null) {
            delegate.writeNull();
        } else {
            writeClean(value);
        }
    }

    /** Repairs, caps and claims a top-level name ahead of its write; returns the name to write. */
    String claimTopLevel(String name) {
        return state().claim(capName(repairSurrogates(name)));
    }

    /**
     * Renames the next field name that a structured argument or marker writes, when the name it
     * announces collides. Used for logstash {@code StructuredArguments}, which write their own name.
     */
    void renameNextField(String name) {
        pendingName = name;
    }

    private EncodeState state() {
        if (state == null) {
            state = states.get();
        }
        return state;
    }

    // ---- structure

    @Override
    public void writeStartObject() throws IOException {
        syncWithPass();
        if (enterValue()) {
            beginStructure();
            delegate.writeStartObject();
        }
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        syncWithPass();
        if (enterValue()) {
            beginStructure();
            delegate.writeStartObject(forValue);
        }
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        syncWithPass();
        if (enterValue()) {
            beginStructure();
            delegate.writeStartObject(forValue, size);
        }
    }

    @Override
    public void writeEndObject() throws IOException {
        if (endStructure()) {
            delegate.writeEndObject();
        }
    }

    @Override
    public void writeStartArray() throws IOException {
        if (enterValue()) {
            beginStructure();
            delegate.writeStartArray();
        }
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        if (enterValue()) {
            beginStructure();
            delegate.writeStartArray(forValue);
        }
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        if (enterValue()) {
            beginStructure();
            delegate.writeStartArray(forValue, size);
        }
    }

    @Override
    @Deprecated
    public void writeStartArray(int size) throws IOException {
        writeStartArray(null, size);
    }

    @Override
    public void writeEndArray() throws IOException {
        if (endStructure()) {
            delegate.writeEndArray();
        }
    }

    @Override
    public void writeArray(int[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) {
            writeNumber(array[i]);
        }
        writeEndArray();
    }

    @Override
    public void writeArray(long[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) {
            writeNumber(array[i]);
        }
        writeEndArray();
    }

    @Override
    public void writeArray(double[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) {
            writeNumber(array[i]);
        }
        writeEndArray();
    }

    @Override
    public void writeArray(String[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) {
            writeString(array[i]);
        }
        writeEndArray();
    }

    private void beginStructure() {
        depth++;
    }

    /**
     * Takes the encoding state at the start of an event. It also forgets what a failed earlier pass
     * left behind, although the encoder normally discards a generator whose event threw halfway.
     */
    private void syncWithPass() {
        if (depth != 0 && state != null) {
            return;
        }
        EncodeState current = states.get();
        if (current.pass != seenPass) {
            seenPass = current.pass;
            depth = 0;
            suppressedDepth = 0;
            maskNextValue = false;
            pendingName = null;
        }
        state = current;
    }

    /** Returns false when the structure being closed was masked or suppressed. */
    private boolean endStructure() {
        if (suppressedDepth > 0) {
            suppressedDepth--;
            return false;
        }
        depth--;
        if (depth == 0) {
            state = null;
        }
        return true;
    }

    /**
     * Handles the start of any value: returns false when it must not be written because it is
     * inside a masked structure, or is itself masked (the mask is then written in its place).
     * A masked object or array has its content suppressed up to its end.
     */
    private boolean enterValue() throws IOException {
        if (suppressedDepth > 0) {
            suppressedDepth++;
            return false;
        }
        if (maskNextValue) {
            maskNextValue = false;
            delegate.writeString(SecretMasker.MASK);
            suppressedDepth = 1;
            return false;
        }
        return true;
    }

    /** Same as {@link #enterValue()} for a scalar value, which has no content to suppress. */
    private boolean enterScalar() throws IOException {
        if (suppressedDepth > 0) {
            return false;
        }
        if (maskNextValue) {
            maskNextValue = false;
            delegate.writeString(SecretMasker.MASK);
            return false;
        }
        return true;
    }

    // ---- names

    @Override
    public void writeFieldName(String name) throws IOException {
        if (suppressedDepth > 0) {
            return;
        }
        String safe = name;
        if (pendingName != null) {
            safe = pendingName;
            pendingName = null;
        } else {
            safe = capName(repairSurrogates(safe));
            if (depth == 1) {
                safe = state().claim(safe);
            }
        }
        maskNextValue = masker.isSecretName(safe);
        delegate.writeFieldName(safe);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        writeFieldName(name.getValue());
    }

    @Override
    public void writeFieldId(long id) throws IOException {
        writeFieldName(Long.toString(id));
    }

    private static String capName(String name) {
        return name.length() <= MAX_FIELD_NAME_CHARS ? name : name.substring(0, MAX_FIELD_NAME_CHARS);
    }

    // ---- strings

    @Override
    public void writeString(String text) throws IOException {
        if (!enterScalar()) {
            return;
        }
        if (text == null) {
            delegate.writeNull();
            return;
        }
        writeClean(text);
    }

    @Override
    public void writeString(char[] buffer, int offset, int length) throws IOException {
        writeString(new String(buffer, offset, length));
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        writeString(text.getValue());
    }

    @Override
    public void writeUTF8String(byte[] buffer, int offset, int length) throws IOException {
        writeString(new String(buffer, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void writeRawUTF8String(byte[] buffer, int offset, int length) throws IOException {
        writeUTF8String(buffer, offset, length);
    }

    /** Writes one string value cleaned; a long text written recently is copied from the cache. */
    private void writeClean(String text) throws IOException {
        if (longTexts == null || state().cap != EncodeState.NO_CAP || !EscapedTextCache.cacheable(text)) {
            delegate.writeString(clean(text));
            return;
        }
        EscapedTextCache.Entry entry = longTexts.lookup(text);
        if (entry == null) {
            delegate.writeString(clean(text));
            return;
        }
        if (entry.json() == null) {
            entry = longTexts.complete(text, clean(text));
        } else {
            state().record(entry.cleaned());
        }
        delegate.writeRawUTF8String(entry.json(), 0, entry.json().length);
    }

    /** Repairs, masks, records and caps one string value. */
    private String clean(String text) {
        // One scan decides whether the slower repair and masking passes are needed at all.
        boolean surrogate = false;
        boolean separator = false;
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            if (c == '=' || c == ':') {
                separator = true;
            } else if (Character.isSurrogate(c)) {
                surrogate = true;
            }
        }
        String result = surrogate ? repairSurrogates(text) : text;
        if (separator || masker.hasPatterns()) {
            result = masker.maskText(result);
        }
        EncodeState current = state();
        current.record(result);
        int cap = current.cap;
        if (cap != EncodeState.NO_CAP && result.length() > cap + MARKER_RESERVE) {
            int end = cap;
            if (end > 0 && Character.isHighSurrogate(result.charAt(end - 1))) {
                end--;
            }
            result = result.substring(0, end) + "...[truncated " + (result.length() - end) + " chars]";
        }
        return result;
    }

    /** Replaces each unpaired surrogate by U+FFFD; returns {@code text} itself when there is none. */
    static String repairSurrogates(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return repairFrom(text, i);
            }
        }
        return text;
    }

    private static String repairFrom(String text, int from) {
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, from);
        int length = text.length();
        for (int i = from; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---- scalars

    @Override
    public void writeNumber(short value) throws IOException {
        if (enterScalar()) {
            delegate.writeNumber(value);
        }
    }

    @Override
    public void writeNumber(int value) throws IOException {
        if (enterScalar()) {
            delegate.writeNumber(value);
        }
    }

    @Override
    public void writeNumber(long value) throws IOException {
        if (enterScalar()) {
            delegate.writeNumber(value);
        }
    }

    @Override
    public void writeNumber(BigInteger value) throws IOException {
        if (enterScalar()) {
            delegate.writeNumber(value);
        }
    }

    @Override
    public void writeNumber(BigDecimal value) throws IOException {
        if (enterScalar()) {
            delegate.writeNumber(value);
        }
    }

    @Override
    public void writeNumber(double value) throws IOException {
        if (!enterScalar()) {
            return;
        }
        if (Double.isFinite(value)) {
            delegate.writeNumber(value);
        } else {
            delegate.writeString(Double.toString(value));
        }
    }

    @Override
    public void writeNumber(float value) throws IOException {
        writeNumber((double) value);
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (enterScalar()) {
            delegate.writeNumber(encodedValue);
        }
    }

    @Override
    public void writeNumber(char[] buffer, int offset, int length) throws IOException {
        writeNumber(new String(buffer, offset, length));
    }

    @Override
    public void writeBoolean(boolean value) throws IOException {
        if (enterScalar()) {
            delegate.writeBoolean(value);
        }
    }

    @Override
    public void writeNull() throws IOException {
        if (enterScalar()) {
            delegate.writeNull();
        }
    }

    @Override
    public void writeRawValue(String text) throws IOException {
        if (enterScalar()) {
            delegate.writeRawValue(text);
        }
    }

    @Override
    public void writeRawValue(String text, int offset, int length) throws IOException {
        if (enterScalar()) {
            delegate.writeRawValue(text, offset, length);
        }
    }

    @Override
    public void writeRawValue(char[] text, int offset, int length) throws IOException {
        if (enterScalar()) {
            delegate.writeRawValue(text, offset, length);
        }
    }

    /** Writes any value as {@link Values#write(JsonGenerator, Object)} does, through this generator. */
    @Override
    public void writeObject(Object value) throws IOException {
        if (suppressedDepth > 0) {
            return;
        }
        if (maskNextValue) {
            enterScalar();
            return;
        }
        Values.write(this, value);
    }

    @Override
    public void writePOJO(Object value) throws IOException {
        writeObject(value);
    }
}
