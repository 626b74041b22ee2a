package io.github.wxsession.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wxsession.message.WxMessageParseException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON callback bodies (mini-program message push in JSON format, the WeCom AI bot) into
 * the same {@link WxXmlMessage} model as XML ones, refusing anything hostile. Immutable and
 * thread-safe; {@link WxXmlMessageParser#json()} gives the one with that parser's limits.
 *
 * <p>The JSON object becomes the {@code <xml>} root's children: a member named {@code k} is the
 * element {@code k}; an object's members are its children; an array's values are children
 * named {@code item} (WeChat's own convention, as in {@code <PicList><item>}); a string keeps
 * its text, a number its literal as sent (a 64-bit {@code MsgId} loses nothing), a boolean is
 * {@code true} or {@code false}, and a {@code null} member is left out, so it reads as absent.
 *
 * <p>As strict as the XML parser, in the same order: the size is bounded before parsing, bytes
 * must be valid UTF-8, the body must be one JSON object and nothing after it, nesting and the
 * number of values are bounded as they are read, and a member named twice in one object is
 * refused (two readers of an ambiguous body could disagree on what it says). Every refusal is a
 * {@link WxMessageParseException}: {@link Reason#MALFORMED} for bad JSON,
 * {@link Reason#UNEXPECTED_ROOT} for a body that is not an object.
 */
public final class WxJsonMessageParser {

    private final int maxLength;
    private final int maxDepth;
    private final int maxElements;

    WxJsonMessageParser(int maxLength, int maxDepth, int maxElements) {
        this.maxLength = maxLength;
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
    }

    /** The parser with the default limits of {@link WxXmlMessageParser#defaults()}. */
    public static WxJsonMessageParser defaults() {
        return WxXmlMessageParser.defaults().json();
    }

    /**
     * Parses a message whose members are named as in XML ({@code MsgType}, {@code FromUserName},
     * …): the mini program's JSON data format, plaintext or decrypted.
     *
     * @throws WxMessageParseException if the body is empty, too large, not valid UTF-8, not one
     *         JSON object, or breaks a limit
     */
    public WxXmlMessage parse(byte[] json) {
        return new WxXmlMessage(read(json));
    }

    /** As {@link #parse(byte[])}, for a body already decoded, such as a decrypted message. */
    public WxXmlMessage parse(String json) {
        return new WxXmlMessage(read(json));
    }

    /**
     * Parses a WeCom AI-bot callback (lower-case members: {@code msgid}, {@code msgtype},
     * {@code from.userid}, …). Its raw members stay reachable by name, and the getters that
     * routing and handlers use read their AI-bot equivalents; see {@link WxAibotFields}.
     *
     * @throws WxMessageParseException as {@link #parse(byte[])}
     */
    public WxXmlMessage parseAibot(byte[] json) {
        return WxAibotFields.message(read(json));
    }

    /** As {@link #parseAibot(byte[])}, for a body already decoded, such as a decrypted message. */
    public WxXmlMessage parseAibot(String json) {
        return WxAibotFields.message(read(json));
    }

    private WxXmlElement read(byte[] json) {
        if (json == null) {
            throw new WxMessageParseException(Reason.EMPTY, "the body is missing (null)");
        }
        WxXmlMessageParser.checkLength(json.length, maxLength, "bytes");
        return read(WxXmlMessageParser.decodeUtf8(json).toString());
    }

    private WxXmlElement read(String json) {
        if (json == null) {
            throw new WxMessageParseException(Reason.EMPTY, "the body is missing (null)");
        }
        WxXmlMessageParser.checkLength(json.length(), maxLength, "chars");
        if (json.isBlank()) {
            throw new WxMessageParseException(Reason.EMPTY, "the body is empty");
        }
        try (JsonParser parser = JsonObjects.STRICT.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new WxMessageParseException(Reason.UNEXPECTED_ROOT,
                        "the body is not a JSON object, as WeChat's JSON messages are");
            }
            WxXmlElement root = new WxXmlElement("xml", "", readMembers(parser, 1, new int[] {1}));
            if (parser.nextToken() != null) {
                throw new WxMessageParseException(Reason.MALFORMED, "the body goes on after its JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new WxMessageParseException(Reason.MALFORMED, "the body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // Reading from a String does no I/O; Jackson declares it anyway.
            throw new UncheckedIOException(e);
        }
    }

    /** The members of the object the parser has just entered, through its closing brace. */
    private WxXmlElement[] readMembers(JsonParser parser, int depth, int[] count) throws IOException {
        List<WxXmlElement> children = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            WxXmlElement child = readValue(parser, name, parser.nextToken(), depth + 1, count);
            if (child != null) {
                children.add(child);
            }
        }
        return children.toArray(new WxXmlElement[0]);
    }

    private WxXmlElement[] readItems(JsonParser parser, int depth, int[] count) throws IOException {
        List<WxXmlElement> children = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            WxXmlElement child = readValue(parser, "item", token, depth + 1, count);
            if (child != null) {
                children.add(child);
            }
        }
        return children.toArray(new WxXmlElement[0]);
    }

    /** The value the parser is on as the element {@code name}, or {@code null} for a JSON null. */
    private WxXmlElement readValue(JsonParser parser, String name, JsonToken token, int depth, int[] count)
            throws IOException {
        if (depth > maxDepth) {
            throw new WxMessageParseException(Reason.TOO_DEEP, "values are nested more than " + maxDepth + " deep");
        }
        if (++count[0] > maxElements) {
            throw new WxMessageParseException(Reason.TOO_MANY_ELEMENTS,
                    "the body has more than " + maxElements + " values");
        }
        return switch (token) {
            case START_OBJECT -> new WxXmlElement(name, "", readMembers(parser, depth, count));
            case START_ARRAY -> new WxXmlElement(name, "", readItems(parser, depth, count));
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                    WxXmlElement.leaf(name, parser.getText());
            case VALUE_NULL -> null;
            default -> throw new WxMessageParseException(Reason.MALFORMED, "unexpected JSON token " + token);
        };
    }
}
