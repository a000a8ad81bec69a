package io.bankbridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.RecordComponentNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * The application's own classes that Jackson turns into JSON or reads from JSON, found in the compiled code, and
 * whether a native image can reflect on each. A native image only reflects on classes registered at build time:
 * a DTO that is not fails when the binary runs, never in a JVM test — this makes it fail here.
 *
 * <p>Where JSON types come from:
 * <ul>
 *   <li>the signatures of JAX-RS resource methods (return types and request bodies) and of REST client interfaces;</li>
 *   <li>values handed to {@code Response.ok(..)} / {@code ResponseBuilder.entity(..)} / {@code RestResponse}, and to
 *       {@code ObjectMapper} writers, by their static type;</li>
 *   <li>class literals and {@code TypeReference}s in methods that call {@code ObjectMapper} readers;</li>
 *   <li>and, transitively, the record components and fields of all of these.</li>
 * </ul>
 * Registered means: annotated {@code @RegisterForReflection} (or named in one's {@code targets}), or reached from a
 * server resource method's signature, which Quarkus REST registers with its whole hierarchy. Enums need no
 * registration (Jackson reads their constants without reflection on fields); a value typed only {@code Object}
 * cannot be followed and is left out.
 */
public final class JsonTypes {

    private static final String REGISTER_FOR_REFLECTION = "Lio/quarkus/runtime/annotations/RegisterForReflection;";
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
            .stream().map(m -> "Ljakarta/ws/rs/" + m + ";").collect(Collectors.toSet());
    private static final String PATH = "Ljakarta/ws/rs/Path;";
    private static final String REST_CLIENT = "Lorg/eclipse/microprofile/rest/client/inject/RegisterRestClient;";
    private static final String OBJECT_MAPPER = "com/fasterxml/jackson/databind/ObjectMapper";
    private static final Set<String> ENTITY_OWNERS = Set.of("jakarta/ws/rs/core/Response", "jakarta/ws/rs/core/Response$ResponseBuilder",
            "org/jboss/resteasy/reactive/RestResponse", "org/jboss/resteasy/reactive/RestResponse$ResponseBuilder");
    private static final Set<String> ENTITY_METHODS = Set.of("ok", "entity", "accepted", "created");
    private static final Set<String> MAPPER_WRITERS = Set.of("writeValueAsString", "writeValueAsBytes", "writeValue", "valueToTree");
    private static final Set<String> MAPPER_READERS = Set.of("readValue", "convertValue", "treeToValue", "readerFor", "updateValue");

    private final Map<String, ClassNode> classes = new HashMap<>();
    private final ClassLoader loader;
    /** internal name → where it was first seen as JSON */
    private final Map<String, String> json = new TreeMap<>();
    private final Set<String> registered = new HashSet<>();

    private JsonTypes(ClassLoader loader) {
        this.loader = loader;
    }

    /** Scans the application classes of the class-path entries (directories or jars) the given classes come from. */
    public static JsonTypes of(Class<?>... fromTheirCodeSources) {
        JsonTypes types = new JsonTypes(fromTheirCodeSources[0].getClassLoader());
        for (Class<?> anchor : fromTheirCodeSources) {
            types.read(anchor);
        }
        types.analyse();
        return types;
    }

    /** Every JSON type found, by class name, with where it was seen first. */
    public Map<String, String> all() {
        Map<String, String> byName = new TreeMap<>();
        json.forEach((internal, where) -> byName.put(internal.replace('/', '.'), where));
        return byName;
    }

    /** The JSON types a native image could not reflect on, each with where it was seen. */
    public List<String> unregistered() {
        List<String> missing = new ArrayList<>();
        json.forEach((internal, where) -> {
            if (!registered.contains(internal)) {
                missing.add(internal.replace('/', '.') + " (" + where + ")");
            }
        });
        return missing;
    }

    private void read(Class<?> anchor) {
        try {
            Path source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        try (InputStream in = Files.newInputStream(file)) {
                            add(in);
                        }
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(source.toFile())) {
                    for (ZipEntry entry : jar.stream().map(ZipEntry.class::cast).toList()) {
                        if (entry.getName().startsWith("io/bankbridge/") && entry.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                add(in);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void add(InputStream in) throws IOException {
        ClassNode node = new ClassNode();
        new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
        if (node.name.startsWith("io/bankbridge/")) {
            classes.put(node.name, node);
        }
    }

    private void analyse() {
        Map<String, String> roots = new HashMap<>();
        Set<String> autoRoots = new HashSet<>();
        for (ClassNode c : classes.values()) {
            registerExplicit(c);
            boolean resource = has(c.visibleAnnotations, PATH) || has(c.invisibleAnnotations, PATH);
            boolean client = has(c.visibleAnnotations, REST_CLIENT) || has(c.invisibleAnnotations, REST_CLIENT);
            for (MethodNode m : c.methods) {
                String where = simple(c.name) + "." + m.name;
                if ((resource || client) && isHttpMethod(m)) {
                    Set<String> signature = signatureTypes(m);
                    signature.forEach(t -> roots.putIfAbsent(t, (client ? "REST client " : "resource ") + where));
                    if (!client) {
                        autoRoots.addAll(signature);
                    }
                }
                if (m.instructions.size() > 0) {
                    codeTypes(c, m).forEach(t -> roots.putIfAbsent(t, "code in " + where));
                }
            }
        }
        closeOver(roots, json);
        Map<String, String> auto = new HashMap<>();
        autoRoots.forEach(t -> auto.put(t, ""));
        closeOver(auto, new HashMap<>()).forEach(registered::add);
    }

    private void registerExplicit(ClassNode c) {
        for (List<AnnotationNode> annotations : List.of(nonNull(c.visibleAnnotations), nonNull(c.invisibleAnnotations))) {
            for (AnnotationNode a : annotations) {
                if (!a.desc.equals(REGISTER_FOR_REFLECTION)) {
                    continue;
                }
                List<String> targets = new ArrayList<>();
                boolean hierarchy = false;
                for (int i = 0; a.values != null && i < a.values.size(); i += 2) {
                    Object value = a.values.get(i + 1);
                    switch ((String) a.values.get(i)) {
                        case "targets" -> ((List<?>) value).forEach(t -> targets.add(((Type) t).getInternalName()));
                        case "classNames" -> ((List<?>) value).forEach(n -> targets.add(((String) n).replace('.', '/')));
                        case "registerFullHierarchy" -> hierarchy = Boolean.TRUE.equals(value);
                        default -> { }
                    }
                }
                if (targets.isEmpty()) {
                    targets.add(c.name);
                }
                if (hierarchy) {
                    Map<String, String> start = new HashMap<>();
                    targets.forEach(t -> start.put(t, ""));
                    closeOver(start, new HashMap<>()).forEach(registered::add);
                } else {
                    registered.addAll(targets);
                }
            }
        }
    }

    /** The roots plus every application type reachable through record components and instance fields. */
    private Set<String> closeOver(Map<String, String> roots, Map<String, String> into) {
        Deque<String> todo = new ArrayDeque<>(roots.keySet());
        roots.forEach(into::putIfAbsent);
        while (!todo.isEmpty()) {
            ClassNode c = classes.get(todo.pop());
            if (c == null) {
                continue;
            }
            Set<String> nested = new LinkedHashSet<>();
            if (c.recordComponents != null) {
                for (RecordComponentNode rc : c.recordComponents) {
                    nested.addAll(typesIn(rc.signature != null ? rc.signature : rc.descriptor));
                }
            } else {
                for (FieldNode f : c.fields) {
                    if ((f.access & Opcodes.ACC_STATIC) == 0) {
                        nested.addAll(typesIn(f.signature != null ? f.signature : f.desc));
                    }
                }
            }
            for (String n : nested) {
                if (isJsonCandidate(n) && into.putIfAbsent(n, "inside " + simple(c.name)) == null) {
                    todo.push(n);
                }
            }
        }
        into.keySet().removeIf(t -> !isJsonCandidate(t));
        return into.keySet();
    }

    private boolean isJsonCandidate(String internalName) {
        ClassNode c = classes.get(internalName);
        return c != null && (c.access & (Opcodes.ACC_ENUM | Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION)) == 0;
    }

    private Set<String> signatureTypes(MethodNode m) {
        Set<String> types = new LinkedHashSet<>();
        String signature = m.signature != null ? m.signature : m.desc;
        List<Set<String>> parameters = new ArrayList<>();
        Set<String> returned = new LinkedHashSet<>();
        new SignatureReader(signature).accept(new SignatureVisitor(Opcodes.ASM9) {
            @Override
            public SignatureVisitor visitParameterType() {
                Set<String> p = new LinkedHashSet<>();
                parameters.add(p);
                return new Collector(p);
            }

            @Override
            public SignatureVisitor visitReturnType() {
                return new Collector(returned);
            }

            @Override
            public SignatureVisitor visitExceptionType() {
                return new Collector(new HashSet<>());
            }
        });
        types.addAll(returned);
        for (int i = 0; i < parameters.size(); i++) {
            if (isBody(m, i)) {
                types.addAll(parameters.get(i));
            }
        }
        return types;
    }

    /** A parameter without a JAX-RS / Quarkus REST annotation is the request body. */
    private static boolean isBody(MethodNode m, int parameter) {
        for (List<AnnotationNode>[] all : List.of(nonNull(m.visibleParameterAnnotations), nonNull(m.invisibleParameterAnnotations))) {
            if (parameter < all.length && all[parameter] != null) {
                for (AnnotationNode a : all[parameter]) {
                    if (a.desc.startsWith("Ljakarta/ws/rs/") || a.desc.startsWith("Lorg/jboss/resteasy/reactive/")) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Types that a method body hands to a JAX-RS response or to an ObjectMapper. */
    private Set<String> codeTypes(ClassNode owner, MethodNode m) {
        Set<String> found = new LinkedHashSet<>();
        boolean reads = false;
        List<MethodInsnNode> writes = new ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode call) {
                boolean entity = ENTITY_OWNERS.contains(call.owner) && ENTITY_METHODS.contains(call.name);
                boolean mapperWrite = call.owner.equals(OBJECT_MAPPER) && MAPPER_WRITERS.contains(call.name);
                if (entity || mapperWrite) {
                    writes.add(call);
                }
                reads |= call.owner.equals(OBJECT_MAPPER) && MAPPER_READERS.contains(call.name);
            }
        }
        if (reads) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Type t && t.getSort() == Type.OBJECT) {
                    found.add(t.getInternalName());
                }
                if (insn instanceof MethodInsnNode call && call.name.equals("<init>")) {
                    ClassNode created = classes.get(call.owner);
                    if (created != null && created.superName.equals("com/fasterxml/jackson/core/type/TypeReference")
                            && created.signature != null) {
                        found.addAll(typesIn(created.signature));
                    }
                }
            }
        }
        if (!writes.isEmpty()) {
            Frame<BasicValue>[] frames = frames(owner, m);
            for (MethodInsnNode call : writes) {
                Frame<BasicValue> frame = frames[m.instructions.indexOf(call)];
                if (frame == null) {
                    continue; // unreachable code
                }
                Type[] arguments = Type.getArgumentTypes(call.desc);
                int first = frame.getStackSize() - arguments.length;
                for (int i = 0; i < arguments.length; i++) {
                    if (arguments[i].getDescriptor().equals("Ljava/lang/Object;")) {
                        Type value = frame.getStack(first + i).getType();
                        if (value != null) {
                            found.addAll(typesIn(value.getDescriptor()));
                        }
                    }
                }
            }
        }
        found.removeIf(t -> !classes.containsKey(t));
        return found;
    }

    private Frame<BasicValue>[] frames(ClassNode owner, MethodNode m) {
        SimpleVerifier verifier = new SimpleVerifier(Opcodes.ASM9, Type.getObjectType(owner.name),
                owner.superName == null ? null : Type.getObjectType(owner.superName),
                owner.interfaces.stream().map(Type::getObjectType).toList(), (owner.access & Opcodes.ACC_INTERFACE) != 0) {
        };
        verifier.setClassLoader(loader);
        try {
            return new Analyzer<>(verifier).analyze(owner.name, m);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("Could not follow the values in " + owner.name + "." + m.name + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> typesIn(String signature) {
        Set<String> types = new LinkedHashSet<>();
        new SignatureReader(signature).acceptType(new Collector(types));
        return types;
    }

    private static boolean isHttpMethod(MethodNode m) {
        for (List<AnnotationNode> annotations : List.of(nonNull(m.visibleAnnotations), nonNull(m.invisibleAnnotations))) {
            for (AnnotationNode a : annotations) {
                if (HTTP_METHODS.contains(a.desc)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean has(List<AnnotationNode> annotations, String desc) {
        return annotations != null && annotations.stream().anyMatch(a -> a.desc.equals(desc));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    @SuppressWarnings("unchecked")
    private static List<AnnotationNode>[] nonNull(List<AnnotationNode>[] lists) {
        return lists == null ? new List[0] : lists;
    }

    private static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    /** Collects every class named in a (generic) type signature, type arguments and nested classes included. */
    private static final class Collector extends SignatureVisitor {
        private final Set<String> into;
        private String current;

        Collector(Set<String> into) {
            super(Opcodes.ASM9);
            this.into = into;
        }

        @Override
        public void visitClassType(String name) {
            current = name;
            into.add(name);
        }

        @Override
        public void visitInnerClassType(String name) {
            current = current + "$" + name;
            into.add(current);
        }

        @Override
        public SignatureVisitor visitTypeArgument(char wildcard) {
            return new Collector(into);
        }

        @Override
        public SignatureVisitor visitArrayType() {
            return new Collector(into);
        }
    }
}
