package io.github.wxsession.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One element of a callback body: its name, its text and its child elements. Immutable.
 *
 * <p>WeChat bodies are element-only XML, so this small tree is the whole model: a leaf such as
 * {@code <Content><![CDATA[hi]]></Content>} has text {@code "hi"} and no children; a container
 * such as {@code <ScanCodeInfo>} has children and empty text (the whitespace that indents its
 * children is formatting, not content). Repeated elements ({@code <PicList><item>…</item>
 * <item>…</item></PicList>}) stay separate children in document order. Attributes, comments and
 * processing instructions carry nothing in WeChat's protocol and are not kept.
 */
public final class WxXmlElement {

    private static final WxXmlElement[] NO_CHILDREN = {};

    private final String name;
    private final String text;
    private final WxXmlElement[] children;

    WxXmlElement(String name, String text, WxXmlElement[] children) {
        this.name = name;
        this.text = text;
        this.children = children.length == 0 ? NO_CHILDREN : children;
    }

    /** A leaf element; what the parser builds for almost every element of a message. */
    static WxXmlElement leaf(String name, String text) {
        return new WxXmlElement(name, text, NO_CHILDREN);
    }

    /** The element's name, e.g. {@code "Content"}. */
    public String getName() {
        return name;
    }

    /**
     * The element's character data (text and CDATA joined, entities resolved) exactly as sent,
     * not trimmed; {@code ""} when there is none.
     */
    public String getText() {
        return text;
    }

    /** Whether the element contains other elements. */
    public boolean hasChildren() {
        return children.length > 0;
    }

    /** The child elements in document order; empty for a leaf. */
    public List<WxXmlElement> getChildren() {
        return Collections.unmodifiableList(Arrays.asList(children));
    }

    /** The first child with this name, or {@code null}. */
    public @Nullable WxXmlElement getChild(String childName) {
        for (WxXmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /** The text of the first child with this name, or {@code null} if there is no such child. */
    public @Nullable String getChildText(String childName) {
        WxXmlElement child = getChild(childName);
        return child == null ? null : child.text;
    }

    /** Every child with this name in document order, e.g. the {@code item}s of a {@code PicList}. */
    public List<WxXmlElement> getChildren(String childName) {
        List<WxXmlElement> matches = new ArrayList<>();
        for (WxXmlElement child : children) {
            if (child.name.equals(childName)) {
                matches.add(child);
            }
        }
        return Collections.unmodifiableList(matches);
    }

    WxXmlElement[] childArray() {
        return children;
    }

    /** A compact XML-like rendering for logs and test failures (no escaping). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    private void appendTo(StringBuilder out) {
        out.append('<').append(name).append('>').append(text);
        for (WxXmlElement child : children) {
            child.appendTo(out);
        }
        out.append("</").append(name).append('>');
    }
}
