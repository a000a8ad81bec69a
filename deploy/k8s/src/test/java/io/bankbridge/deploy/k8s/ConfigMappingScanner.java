package io.bankbridge.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the configuration keys a module's Java sources read: {@code @ConfigMapping} interfaces (with their nested
 * groups, {@code @WithName}, {@code @WithParentName}, {@code @WithDefault}, maps) and {@code @ConfigProperty} names.
 * Reading the sources rather than compiled classes keeps this module free of the services' build.
 */
final class ConfigMappingScanner {

    /** A key a module reads; {@code *} stands for a map key. */
    record Key(String name, String defaultValue) {
    }

    private record Method(String annotations, String type, String name) {
    }

    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{;]*\\{");
    private static final Pattern MAPPING = Pattern.compile(
            "@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"#(\\d+)\"[^)]*\\)[^;{]*?\\binterface\\s+(\\w+)");
    private static final Pattern PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"#(\\d+)\"");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@[\\w.]+(?:\\s*\\([^()]*\\))?\\s*)*)([\\w.]+(?:\\s*<[^;(){}]*>)?(?:\\[])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"#([^\"]*)\"");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\s*\\(\\s*\"#([^\"]*)\"");
    private static final Pattern MAP_VALUE = Pattern.compile("^Map\\s*<\\s*[\\w.]+\\s*,\\s*(.+)>$");
    private static final Pattern WRAPPED = Pattern.compile("^(?:Optional|List|Set|Collection)\\s*<\\s*(.+)>$");

    private final Map<String, List<Method>> interfaces = new HashMap<>();
    private final List<String[]> mappings = new ArrayList<>();
    private final List<Key> keys = new ArrayList<>();

    private ConfigMappingScanner() {
    }

    static List<Key> scan(List<Path> sourceRoots) {
        ConfigMappingScanner scanner = new ConfigMappingScanner();
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(scanner::read);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String[] mapping : scanner.mappings) {
            scanner.expand(mapping[0], mapping[1], 0);
        }
        return scanner.keys;
    }

    private void read(Path file) {
        List<String> strings = new ArrayList<>();
        String code;
        try {
            code = mask(Files.readString(file), strings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher property = PROPERTY.matcher(code);
        while (property.find()) {
            keys.add(new Key(strings.get(Integer.parseInt(property.group(1))), null));
        }
        Matcher mapping = MAPPING.matcher(code);
        while (mapping.find()) {
            mappings.add(new String[] {strings.get(Integer.parseInt(mapping.group(1))), mapping.group(2)});
        }
        Matcher declaration = INTERFACE.matcher(code);
        while (declaration.find()) {
            int open = declaration.end() - 1;
            String body = topLevel(code, open + 1, closing(code, open));
            List<Method> methods = new ArrayList<>();
            Matcher method = METHOD.matcher(body);
            while (method.find()) {
                if (body.substring(Math.max(0, method.start() - 16), method.start()).matches("(?s).*\\b(default|static)\\s*")) {
                    continue; // a method with a body is not a configuration property
                }
                methods.add(new Method(unmask(method.group(1), strings), method.group(2).replaceAll("\\s+", ""),
                        method.group(3)));
            }
            interfaces.put(declaration.group(1), methods);
        }
    }

    private void expand(String prefix, String iface, int depth) {
        if (depth > 10) {
            return;
        }
        for (Method method : interfaces.getOrDefault(iface, List.of())) {
            Matcher withName = WITH_NAME.matcher(method.annotations());
            String name = withName.find() ? withName.group(1) : kebab(method.name());
            String path = method.annotations().contains("@WithParentName") ? prefix : prefix + "." + name;
            String type = method.type();
            Matcher map = MAP_VALUE.matcher(type);
            if (map.matches()) {
                path = path + ".*";
                type = map.group(1);
            }
            Matcher wrapped = WRAPPED.matcher(type);
            if (wrapped.matches()) {
                type = wrapped.group(1);
            }
            String simple = type.substring(type.lastIndexOf('.') + 1);
            if (interfaces.containsKey(simple)) {
                expand(path, simple, depth + 1);
            } else {
                Matcher defaultValue = WITH_DEFAULT.matcher(method.annotations());
                keys.add(new Key(path, defaultValue.find() ? defaultValue.group(1) : null));
            }
        }
    }

    /** Comments removed and every string literal replaced by {@code "#n"} (its index), so braces can be counted. */
    private static String mask(String source, List<String> strings) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end;
                strings.add(source.substring(i + 3, end));
                out.append("\"#").append(strings.size() - 1).append('"');
                i = Math.min(source.length(), end + 3);
            } else if (c == '"') {
                StringBuilder literal = new StringBuilder();
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != '"') {
                    if (source.charAt(j) == '\\' && j + 1 < source.length()) {
                        j++;
                    }
                    literal.append(source.charAt(j));
                    j++;
                }
                strings.add(literal.toString());
                out.append("\"#").append(strings.size() - 1).append('"');
                i = j + 1;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != '\'') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                out.append("' '");
                i = j + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String unmask(String text, List<String> strings) {
        Matcher literal = Pattern.compile("\"#(\\d+)\"").matcher(text);
        StringBuilder out = new StringBuilder();
        while (literal.find()) {
            // Keep the marker form so WITH_NAME / WITH_DEFAULT can read it, but with the literal itself.
            literal.appendReplacement(out, Matcher.quoteReplacement("\"#" + strings.get(Integer.parseInt(literal.group(1))) + "\""));
        }
        literal.appendTail(out);
        return out.toString();
    }

    private static int closing(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == '{') {
                depth++;
            } else if (code.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    /** The body with nested blocks (nested interfaces, default methods) blanked out. */
    private static String topLevel(String code, int from, int to) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = from; i < to; i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            }
            out.append(depth == 0 ? c : ' ');
            if (c == '}') {
                depth--;
                if (depth == 0) {
                    out.append(';');
                }
            }
        }
        return out.toString();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
