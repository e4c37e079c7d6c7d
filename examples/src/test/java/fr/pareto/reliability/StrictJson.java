package fr.pareto.reliability;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Parses what the libraries wrote as JSON, rejecting repeated keys, trailing data and invalid UTF-8. */
final class StrictJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /**
     * Parses one JSON document.
     *
     * @throws AssertionError naming the parser's complaint and quoting the start of the text
     */
    static JsonNode parse(String source, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new AssertionError(source + " is empty, expected one JSON document");
            }
            return node;
        } catch (IOException e) {
            throw new AssertionError(source + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + "): "
                    + abbreviate(text), e);
        }
    }

    /** Decodes UTF-8, then parses; fails on malformed UTF-8 such as an encoded lone surrogate. */
    static JsonNode parse(String source, byte[] utf8) {
        return parse(source, utf8(source, utf8));
    }

    /** Decodes UTF-8 strictly. */
    static String utf8(String source, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(source + " is not valid UTF-8: " + e, e);
        }
    }

    /** Returns the start of a text, for failure messages. */
    static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...[" + text.length() + " chars]";
    }
}
