package io.github.wxsession.redis.attribute;

/**
 * Turns session attribute values into the bytes a shared store keeps, and back.
 * <p>
 * Each attribute is encoded on its own, so a change to one attribute writes only that one.
 * Implementations are thread-safe, restore every value they accept to an equal value (a
 * collection may come back as another class of the same kind), refuse on write any value they
 * could not restore, and never let stored bytes choose an arbitrary class to instantiate: a store
 * may be written by anyone who can reach it. Java serialization is unfit for all of these.
 *
 * @see JacksonWxSessionAttributeSerializer the default, JSON with an allow-list of types
 */
public interface WxSessionAttributeSerializer {

    /**
     * Encodes one attribute value.
     *
     * @throws WxSessionAttributeSerializationException if the value's type is not supported or
     *         not allowed; the message says how to allow it
     */
    byte[] serialize(Object value);

    /**
     * Decodes what {@link #serialize} produced.
     *
     * @throws WxSessionAttributeSerializationException if the bytes are malformed or name a type
     *         that is not allowed
     */
    Object deserialize(byte[] bytes);
}
