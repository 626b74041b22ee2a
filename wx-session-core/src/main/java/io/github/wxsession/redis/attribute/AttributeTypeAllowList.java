package io.github.wxsession.redis.attribute;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The application's own types that may be stored as session attributes, by package (sub-packages
 * included) and by class. The JDK's value types are built in (see {@link AttributeKind}) and need
 * no entry; JDK packages cannot be added wholesale. Names are checked before any class is loaded.
 */
final class AttributeTypeAllowList {

    private static final Pattern PACKAGE_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final List<String> JDK_PACKAGES = List.of("java", "javax", "jdk", "sun", "com.sun");

    private final List<String> packagePrefixes;
    private final Set<String> classNames;
    private final String description;
    private final ClassValue<Boolean> allowedClasses = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            // Hidden, anonymous and local classes cannot be found by name again when reading.
            return !type.isHidden() && !type.isAnonymousClass() && !type.isLocalClass() && !type.isArray()
                    && allowsName(type.getName());
        }
    };

    AttributeTypeAllowList(Collection<String> packages, Collection<Class<?>> classes) {
        List<String> prefixes = new ArrayList<>();
        for (String packageName : packages) {
            prefixes.add(checkedPackage(packageName) + ".");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            names.add(type.getName());
        }
        this.packagePrefixes = List.copyOf(prefixes);
        this.classNames = Set.copyOf(names);
        List<String> described = new ArrayList<>(List.of("java.lang", "java.math", "java.util", "java.time"));
        described.addAll(packages);
        described.addAll(names);
        this.description = String.join(", ", described);
    }

    /** Whether the application allowed the class of this binary name. */
    boolean allowsName(String className) {
        if (classNames.contains(className)) {
            return true;
        }
        for (String prefix : packagePrefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether values of {@code type} may be stored as one of the application's types. */
    boolean allows(Class<?> type) {
        return allowedClasses.get(type);
    }

    /** What is allowed, for messages. */
    String describe() {
        return description;
    }

    /**
     * The same rules for Jackson's own polymorphic handling, which an application class annotated
     * with {@code @JsonTypeInfo(use = CLASS)} turns on: built-in kinds and allowed classes only.
     */
    PolymorphicTypeValidator typeValidator() {
        return new PolymorphicTypeValidator.Base() {
            @Override
            public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
                if (allowsName(subClassName)) {
                    return Validity.ALLOWED;
                }
                // A JDK value or collection class is loaded (harmless) and judged by validateSubType.
                return subClassName.startsWith("java.") ? Validity.INDETERMINATE : Validity.DENIED;
            }

            @Override
            public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
                Class<?> type = subType.getRawClass();
                return AttributeKind.of(type) != AttributeKind.OTHER || allows(type) ? Validity.ALLOWED : Validity.DENIED;
            }
        };
    }

    private static String checkedPackage(String packageName) {
        if (packageName == null || !PACKAGE_NAME.matcher(packageName).matches()) {
            throw new IllegalArgumentException("an allowed package must be a package name like com.example.bot, was \""
                    + packageName + "\"");
        }
        for (String jdk : JDK_PACKAGES) {
            if (packageName.equals(jdk) || packageName.startsWith(jdk + ".")) {
                throw new IllegalArgumentException("JDK packages cannot be allowed wholesale (" + packageName + "):"
                        + " its value types are built in; allow a single class with allowClasses if you need one");
            }
        }
        return packageName;
    }
}
