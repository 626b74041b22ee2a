package io.github.wxsession.redis.attribute;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a value of some class is encoded, decided once per class. JSON's own types need no tag;
 * collections count only when they are the JDK's own, since another implementation may carry
 * state that a plain list, set or map would lose.
 */
enum AttributeKind {
    STRING, INTEGER, BOOLEAN, DOUBLE, TAGGED, LIST, SET, MAP,
    /** Not a built-in: encoded only if the allow-list admits it as one of the application's types. */
    OTHER;

    private static final ClassValue<AttributeKind> BY_CLASS = new ClassValue<>() {
        @Override
        protected AttributeKind computeValue(Class<?> type) {
            return classify(type);
        }
    };

    static AttributeKind of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    private static AttributeKind classify(Class<?> type) {
        if (type == String.class) {
            return STRING;
        }
        if (type == Integer.class) {
            return INTEGER;
        }
        if (type == Boolean.class) {
            return BOOLEAN;
        }
        if (TaggedAttributeType.ofClass(type) != null) {
            // Double is both: untagged when finite, tagged otherwise; the writer checks the value.
            return type == Double.class ? DOUBLE : TAGGED;
        }
        if (!isJdkCollectionPackage(type.getPackageName())) {
            return OTHER;
        }
        if (List.class.isAssignableFrom(type)) {
            return LIST;
        }
        if (Set.class.isAssignableFrom(type)) {
            return SET;
        }
        return Map.class.isAssignableFrom(type) ? MAP : OTHER;
    }

    private static boolean isJdkCollectionPackage(String packageName) {
        return packageName.equals("java.util") || packageName.startsWith("java.util.");
    }
}
