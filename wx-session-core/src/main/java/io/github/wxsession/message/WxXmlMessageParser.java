package io.github.wxsession.message;

import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import io.github.wxsession.message.WxMessageParseException.Reason;
import java.io.CharArrayReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads callback bodies into {@link WxXmlMessage}s, refusing anything hostile. Immutable and
 * thread-safe: build one and share it.
 *
 * <p>The body is streamed through the StAX reader of jackson-dataformat-xml's {@link XmlFactory}
 * (Woodstox) straight into the small {@link WxXmlElement} tree: no data binding, no reflection.
 * Jackson's own {@code FromXmlParser} is not used on top of it because its JSON-token view
 * hides the DOCTYPE and the root element's name (both of which must be checked here) and folds
 * whitespace-only text, which would lose a user's {@code " "} message.
 *
 * <p>Hardening, in the order the checks run:
 * <ol>
 * <li>the size is bounded before any parsing ({@link Builder#maxLength(int)}, default 1 MiB);
 * <li>bytes must be valid UTF-8, which is the only encoding WeChat sends; malformed sequences
 *     are refused, never replaced;
 * <li>any {@code <!DOCTYPE>} is refused as soon as the reader meets it, so no internal subset
 *     is ever used: no external entities (XXE), no entity expansion (billion laughs). DTD
 *     support and external entities are also switched off in the reader, and its resolver
 *     refuses every lookup, so nothing is fetched even if a check were bypassed;
 * <li>the root element must be {@code <xml>};
 * <li>nesting depth and element count are bounded ({@link Builder#maxDepth(int)},
 *     {@link Builder#maxElements(int)}) as they are read.
 * </ol>
 * Every refusal is a {@link WxMessageParseException} with its {@link Reason}.
 */
public final class WxXmlMessageParser {

    /** Default bound on a body: 1 MiB, far above any real callback (they are a few hundred bytes). */
    public static final int DEFAULT_MAX_LENGTH = 1 << 20;

    /** Default bound on nesting; the deepest WeChat events (WeCom approvals) stay under 8. */
    public static final int DEFAULT_MAX_DEPTH = 16;

    /** Default bound on the number of elements, the root included. */
    public static final int DEFAULT_MAX_ELEMENTS = 10_000;

    /** {@code XMLInputFactory2.P_LAZY_PARSING}, named here so core needs no compile-time stax2 dependency. */
    private static final String STAX2_LAZY_PARSING = "com.ctc.wstx.lazyParsing";

    private static final WxXmlMessageParser DEFAULTS = builder().build();

    private final int maxLength;
    private final int maxDepth;
    private final int maxElements;
    private final XMLInputFactory inputFactory;
    private final WxJsonMessageParser json;

    private WxXmlMessageParser(Builder builder) {
        this.maxLength = builder.maxLength;
        this.maxDepth = builder.maxDepth;
        this.maxElements = builder.maxElements;
        this.inputFactory = hardenedInputFactory();
        this.json = new WxJsonMessageParser(maxLength, maxDepth, maxElements);
    }

    /** The parser with the default limits, as used by {@link WxXmlMessage#fromXml(String)}. */
    public static WxXmlMessageParser defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the default limits. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The parser of JSON bodies with these same limits (the mini program's JSON data format,
     * the WeCom AI bot): a JSON value counts as an element.
     */
    public WxJsonMessageParser json() {
        return json;
    }

    /**
     * Parses a body received as text.
     *
     * @param xml the body; its length in chars is checked against {@link Builder#maxLength(int)}
     * @throws WxMessageParseException if the body is empty, too large, hostile or malformed
     */
    public WxXmlMessage parse(String xml) {
        if (xml == null) {
            throw new WxMessageParseException(Reason.EMPTY, "the body is missing (null)");
        }
        checkLength(xml.length(), maxLength, "chars");
        return read(new StringReader(xml), xml.isBlank());
    }

    /**
     * Parses a body received as bytes, which must be UTF-8.
     *
     * @param xml the body; its length in bytes is checked against {@link Builder#maxLength(int)}
     * @throws WxMessageParseException if the body is empty, too large, not valid UTF-8, hostile
     *         or malformed
     */
    public WxXmlMessage parse(byte[] xml) {
        if (xml == null) {
            throw new WxMessageParseException(Reason.EMPTY, "the body is missing (null)");
        }
        checkLength(xml.length, maxLength, "bytes");
        CharBuffer chars = decodeUtf8(xml);
        return read(new CharArrayReader(chars.array(), chars.arrayOffset(), chars.remaining()), isBlank(chars));
    }

    private static boolean isBlank(CharBuffer chars) {
        for (int i = chars.position(); i < chars.limit(); i++) {
            if (!Character.isWhitespace(chars.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The body as text; shared with {@link WxJsonMessageParser}. */
    static CharBuffer decodeUtf8(byte[] body) {
        try {
            // newDecoder() reports malformed input instead of substituting U+FFFD as new String(..) would.
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new WxMessageParseException(Reason.INVALID_ENCODING, "the body is not valid UTF-8", e);
        }
    }

    /** Refuses a body over the limit before any parsing; shared with {@link WxJsonMessageParser}. */
    static void checkLength(int length, int maxLength, String unit) {
        if (length > maxLength) {
            throw new WxMessageParseException(Reason.TOO_LARGE,
                    "the body has " + length + " " + unit + ", more than the limit of " + maxLength);
        }
    }

    private WxXmlMessage read(Reader body, boolean blank) {
        if (blank) {
            throw new WxMessageParseException(Reason.EMPTY, "the body is empty");
        }
        XMLStreamReader reader = null;
        try {
            reader = inputFactory.createXMLStreamReader(body);
            moveToRoot(reader);
            if (!"xml".equals(reader.getLocalName())) {
                throw new WxMessageParseException(Reason.UNEXPECTED_ROOT,
                        "the root element is <" + reader.getLocalName() + ">, WeChat messages have <xml>");
            }
            WxXmlElement root = readElement(reader, 1, new int[] {1});
            while (reader.hasNext()) {
                // Reading to the end lets the reader reject trailing garbage after </xml>.
                reader.next();
            }
            return new WxXmlMessage(root);
        } catch (XMLStreamException e) {
            throw new WxMessageParseException(Reason.MALFORMED, "the body is not well-formed XML: " + firstLine(e), e);
        } finally {
            close(reader);
        }
    }

    private static void moveToRoot(XMLStreamReader reader) throws XMLStreamException {
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
            if (event == XMLStreamConstants.DTD) {
                throw new WxMessageParseException(Reason.DOCTYPE, "the body declares a DTD (<!DOCTYPE>), which is refused");
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new WxMessageParseException(Reason.MALFORMED, "the body has no root element");
            }
        }
    }

    /** Reads the element the reader is on, through its end tag. {@code count[0]} counts elements read so far. */
    private WxXmlElement readElement(XMLStreamReader reader, int depth, int[] count) throws XMLStreamException {
        String name = reader.getLocalName();
        String text = null;
        StringBuilder moreText = null;
        List<WxXmlElement> children = null;
        while (true) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (depth == maxDepth) {
                        throw new WxMessageParseException(Reason.TOO_DEEP,
                                "elements are nested more than " + maxDepth + " deep");
                    }
                    if (++count[0] > maxElements) {
                        throw new WxMessageParseException(Reason.TOO_MANY_ELEMENTS,
                                "the body has more than " + maxElements + " elements");
                    }
                    if (children == null) {
                        children = new ArrayList<>(depth == 1 ? 12 : 4);
                    }
                    children.add(readElement(reader, depth + 1, count));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    // Coalescing makes this one event per element in practice; a comment can still split it.
                    if (text == null) {
                        text = reader.getText();
                    } else {
                        if (moreText == null) {
                            moreText = new StringBuilder(text);
                        }
                        moreText.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return element(name, moreText != null ? moreText.toString() : text, children);
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new WxMessageParseException(Reason.DOCTYPE, "the body uses entities, which are refused");
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    private static WxXmlElement element(String name, String text, List<WxXmlElement> children) {
        if (children == null) {
            return WxXmlElement.leaf(name, text == null ? "" : text);
        }
        // Between child elements, whitespace is indentation, not content.
        String ownText = text == null || text.isBlank() ? "" : text;
        return new WxXmlElement(name, ownText, children.toArray(new WxXmlElement[0]));
    }

    private static XMLInputFactory hardenedInputFactory() {
        XMLInputFactory factory = new XmlFactory().getXMLInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        if (factory.isPropertySupported(STAX2_LAZY_PARSING)) {
            // Lazy parsing would report some errors from getText() as unchecked exceptions; eager parsing
            // reports every error from next() as an XMLStreamException.
            factory.setProperty(STAX2_LAZY_PARSING, false);
        }
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are refused: " + systemId);
        });
        return factory;
    }

    private static String firstLine(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Closing an in-memory reader releases buffers only; nothing can be lost here.
            }
        }
    }

    /** Limits of a {@link WxXmlMessageParser}; every value must be positive. */
    public static final class Builder {

        private int maxLength = DEFAULT_MAX_LENGTH;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxElements = DEFAULT_MAX_ELEMENTS;

        private Builder() {
        }

        /** Longest accepted body: bytes for {@link #parse(byte[])}, chars for {@link #parse(String)}. */
        public Builder maxLength(int maxLength) {
            this.maxLength = positive(maxLength, "maxLength");
            return this;
        }

        /** Deepest accepted nesting; the {@code <xml>} root is depth 1. */
        public Builder maxDepth(int maxDepth) {
            this.maxDepth = positive(maxDepth, "maxDepth");
            return this;
        }

        /** Most elements accepted in one body, the root included. */
        public Builder maxElements(int maxElements) {
            this.maxElements = positive(maxElements, "maxElements");
            return this;
        }

        public WxXmlMessageParser build() {
            return new WxXmlMessageParser(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }
    }
}
