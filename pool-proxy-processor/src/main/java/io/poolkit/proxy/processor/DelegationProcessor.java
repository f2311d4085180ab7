package io.poolkit.proxy.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Writes the delegating half of pool-core's JDBC proxies as Java source. For each
 * hand-written abstract class annotated {@code @DelegatesTo(SomeJdbcInterface.class)} it
 * generates, in the same package, the final class {@code <ClassName>Impl}: it extends the
 * abstract class and implements every method of the interface (inherited ones and
 * {@code default} methods included) that the abstract class and its superclasses leave
 * abstract. Every such method has the same body, written by {@link #writeMethod}:
 *
 * <pre>
 * int guard = beforeCall();     // beforeSql() for the methods named in runsSql
 * try {
 *     return wrap(this.delegate.method(arguments));   // wrap(...) only where declared
 * }
 * catch (SQLException ex) {
 *     throw onError(ex);
 * }
 * finally {
 *     afterCall(guard);
 * }
 * </pre>
 *
 * {@code beforeCall()}/{@code beforeSql()} enter the proxy's in-flight guard and return a
 * token (or throw, and then the {@code finally} is not reached), {@code afterCall} leaves
 * it with that token, so a method that entered always leaves, whatever the driver throws.
 * The methods named in {@code local} have no hook and no {@code finally}: only the
 * try/catch around the call.
 *
 * {@code delegate} stands for the one field of the abstract class (or a superclass) whose
 * type is the interface; {@code wrap} is applied where the abstract class declares a
 * {@code wrap} method whose parameter type is the method's return type, or a
 * {@code wrap(T, Class<T>)} for the methods that return the type their {@code Class<T>}
 * argument names. The hooks {@code beforeCall()}, {@code beforeSql()},
 * {@code afterCall(int)} and {@code onError(SQLException)} are the abstract class's own
 * methods: the behaviour stays in hand-written code, the generated code only calls it.
 * <p>
 * A build-time tool only: pool-core compiles with it on its processor path, and nothing
 * of it is on pool-core's run-time class path.
 */
@SupportedAnnotationTypes(DelegationProcessor.ANNOTATION)
public final class DelegationProcessor extends AbstractProcessor {

	static final String ANNOTATION = "io.poolkit.internal.DelegatesTo";

	private static final String SQL_EXCEPTION = "java.sql.SQLException";

	@Override
	public SourceVersion getSupportedSourceVersion() {
		// Reads only declarations, which every Java version since 17 writes alike.
		return SourceVersion.latestSupported();
	}

	@Override
	public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
		TypeElement annotation = elements().getTypeElement(ANNOTATION);
		if (annotation == null) {
			return false;
		}
		for (TypeElement proxy : ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation))) {
			try {
				generate(proxy, annotation);
			}
			catch (InvalidProxyException ex) {
				this.processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, ex.getMessage(), proxy);
			}
			catch (IOException ex) {
				this.processingEnv.getMessager()
					.printMessage(Diagnostic.Kind.ERROR, "Could not write the delegation: " + ex, proxy);
			}
		}
		return true;
	}

	private void generate(TypeElement proxy, TypeElement annotation) throws IOException {
		if (proxy.getKind() != ElementKind.CLASS || !proxy.getModifiers().contains(Modifier.ABSTRACT)) {
			throw new InvalidProxyException("@DelegatesTo belongs on an abstract class");
		}
		TypeElement jdbcInterface = jdbcInterface(proxy, annotation);
		if (!types().isAssignable(proxy.asType(), jdbcInterface.asType())) {
			throw new InvalidProxyException(proxy.getSimpleName() + " must implement " + jdbcInterface);
		}
		Set<String> runsSql = names(proxy, annotation, "runsSql");
		Set<String> local = names(proxy, annotation, "local");
		String delegate = delegateField(proxy, jdbcInterface);
		List<ExecutableElement> methods = interfaceMethods(jdbcInterface);
		Set<String> names = methods.stream().map((m) -> m.getSimpleName().toString()).collect(Collectors.toSet());
		for (String name : runsSql) {
			if (!names.contains(name)) {
				throw new InvalidProxyException("runsSql names " + name + ", which " + jdbcInterface + " has not");
			}
			if (local.contains(name)) {
				throw new InvalidProxyException(name + " runs SQL, so it cannot be local");
			}
		}
		for (String name : local) {
			if (!names.contains(name)) {
				throw new InvalidProxyException("local names " + name + ", which " + jdbcInterface + " has not");
			}
		}
		String packageName = elements().getPackageOf(proxy).getQualifiedName().toString();
		String className = proxy.getSimpleName() + "Impl";
		SourceFile out = new SourceFile(packageName, this.processingEnv);
		out.line("/**");
		out.line(" * The {@link " + out.name(jdbcInterface.asType()) + "} methods that {@link " + proxy.getSimpleName()
				+ "} leaves to the build, by interface");
		out.line(" * and name: each calls a hook of that class, then the driver's object, and reports a failure");
		out.line(" * through onError; the hooks before and after (in a finally) hold the in-flight guard, except");
		out.line(" * around the local methods. Generated by pool-proxy-processor (DelegationProcessor); do not edit.");
		out.line(" */");
		out.line("final class " + className + " extends " + proxy.getSimpleName() + " {");
		for (ExecutableElement constructor : ElementFilter.constructorsIn(proxy.getEnclosedElements())) {
			if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
				writeConstructor(out, className, constructor);
			}
		}
		Element section = null;
		for (ExecutableElement method : methods) {
			if (!implementedBy(proxy, method)) {
				if (method.getEnclosingElement() != section) {
					section = method.getEnclosingElement();
					out.line("");
					out.line("\t// ---- " + ((TypeElement) section).getQualifiedName());
				}
				String name = method.getSimpleName().toString();
				writeMethod(out, proxy, delegate, method, runsSql.contains(name), local.contains(name));
			}
		}
		out.line("");
		out.line("}");
		try (Writer writer = this.processingEnv.getFiler()
			.createSourceFile(packageName + "." + className, proxy)
			.openWriter()) {
			writer.write(out.toString());
		}
	}

	private void writeConstructor(SourceFile out, String className, ExecutableElement constructor) {
		out.line("");
		out.line("\t" + className + "(" + parameters(out, constructor) + ") {");
		out.line("\t\tsuper(" + arguments(constructor) + ");");
		out.line("\t}");
	}

	/**
	 * The template of every generated method. The per-call guard is here and only here:
	 * the hook called first, the try/catch around the call to the driver, and the hook in
	 * the finally that leaves the in-flight guard the first one entered. The first hook
	 * stands before the try: when it throws (the connection was returned) it entered
	 * nothing, so there is nothing to leave. A local method calls no hook.
	 */
	private void writeMethod(SourceFile out, TypeElement proxy, String delegate, ExecutableElement method,
			boolean runsSql, boolean local) {
		if (!declaresSqlException(method)) {
			throw new InvalidProxyException(method.getSimpleName()
					+ " declares no SQLException, so it cannot share the generated body: implement it by hand");
		}
		for (VariableElement parameter : method.getParameters()) {
			if (parameter.getSimpleName().contentEquals("ex") || parameter.getSimpleName().contentEquals("guard")) {
				throw new InvalidProxyException(
						method.getSimpleName() + " has a parameter named " + parameter.getSimpleName());
			}
		}
		String call = "this." + delegate + "." + method.getSimpleName() + "(" + arguments(method) + ")";
		boolean returns = method.getReturnType().getKind() != TypeKind.VOID;
		if (returns) {
			call = "return " + wrapped(proxy, method, call);
		}
		out.line("");
		if (elements().isDeprecated(method)) {
			out.line("\t@Deprecated");
		}
		out.line("\t@Override");
		out.line("\tpublic " + typeParameters(out, method) + out.name(method.getReturnType()) + " "
				+ method.getSimpleName() + "(" + parameters(out, method) + ")" + throwsClause(out, method) + " {");
		// The per-call guard of every delegated call: one hook call before, one try
		// around, one hook call in its finally.
		if (!local) {
			out.line("\t\tint guard = " + (runsSql ? "beforeSql();" : "beforeCall();"));
		}
		out.line("\t\ttry {");
		out.line("\t\t\t" + call + ";");
		out.line("\t\t}");
		out.line("\t\tcatch (" + out.name(elements().getTypeElement(SQL_EXCEPTION).asType()) + " ex) {");
		out.line("\t\t\tthrow onError(ex);");
		out.line("\t\t}");
		if (!local) {
			out.line("\t\tfinally {");
			out.line("\t\t\tafterCall(guard);");
			out.line("\t\t}");
		}
		out.line("\t}");
	}

	/** The call passed through the proxy's {@code wrap} for its return type, if any. */
	private String wrapped(TypeElement proxy, ExecutableElement method, String call) {
		TypeMirror returned = method.getReturnType();
		for (ExecutableElement wrap : wrapMethods(proxy)) {
			List<? extends VariableElement> parameters = wrap.getParameters();
			if (parameters.size() == 1 && returned.getKind() == TypeKind.DECLARED
					&& types().isSameType(parameters.get(0).asType(), returned)) {
				return "wrap(" + call + ")";
			}
			if (parameters.size() == 2 && returned.getKind() == TypeKind.TYPEVAR) {
				// <T> T getObject(..., Class<T> type): the Class argument says what to
				// wrap.
				for (VariableElement parameter : method.getParameters()) {
					if (isClassOf(parameter.asType(), returned)) {
						return "wrap(" + call + ", " + parameter.getSimpleName() + ")";
					}
				}
			}
		}
		return call;
	}

	private boolean isClassOf(TypeMirror type, TypeMirror typeVariable) {
		if (type.getKind() != TypeKind.DECLARED) {
			return false;
		}
		DeclaredType declared = (DeclaredType) type;
		return ((TypeElement) declared.asElement()).getQualifiedName().contentEquals("java.lang.Class")
				&& declared.getTypeArguments().size() == 1
				&& types().isSameType(declared.getTypeArguments().get(0), typeVariable);
	}

	private List<ExecutableElement> wrapMethods(TypeElement proxy) {
		List<ExecutableElement> wraps = new ArrayList<>();
		for (TypeElement type = proxy; type != null; type = superclass(type)) {
			for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
				if (method.getSimpleName().contentEquals("wrap") && !method.getModifiers().contains(Modifier.PRIVATE)) {
					wraps.add(method);
				}
			}
		}
		return wraps;
	}

	private boolean declaresSqlException(ExecutableElement method) {
		TypeMirror sqlException = elements().getTypeElement(SQL_EXCEPTION).asType();
		for (TypeMirror thrown : method.getThrownTypes()) {
			if (types().isAssignable(sqlException, thrown)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The interface's methods with those of its superinterfaces, each signature once (as
	 * the most specific interface declares it): by interface, supertypes first, then by
	 * name, so that overloads stand together.
	 */
	private List<ExecutableElement> interfaceMethods(TypeElement jdbcInterface) {
		Map<String, ExecutableElement> bySignature = new LinkedHashMap<>();
		List<TypeElement> order = new ArrayList<>();
		collectMethods(jdbcInterface, bySignature, order);
		List<ExecutableElement> methods = new ArrayList<>(bySignature.values());
		methods.sort(Comparator.comparingInt((ExecutableElement m) -> order.indexOf(m.getEnclosingElement()))
			.thenComparing((m) -> m.getSimpleName().toString())
			.thenComparingInt((m) -> m.getParameters().size())
			.thenComparing(this::signature));
		return methods;
	}

	private void collectMethods(TypeElement type, Map<String, ExecutableElement> bySignature, List<TypeElement> order) {
		if (order.contains(type)) {
			return;
		}
		for (TypeMirror superinterface : type.getInterfaces()) {
			collectMethods((TypeElement) types().asElement(superinterface), bySignature, order);
		}
		order.add(type);
		for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
			Set<Modifier> modifiers = method.getModifiers();
			if (!modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.PRIVATE)) {
				bySignature.put(signature(method), method);
			}
		}
	}

	private String signature(ExecutableElement method) {
		return method.getSimpleName() + method.getParameters()
			.stream()
			.map((p) -> types().erasure(p.asType()).toString())
			.collect(Collectors.joining(",", "(", ")"));
	}

	/**
	 * Whether a concrete method of the class or a superclass implements the interface
	 * method. Interface default methods do not count: they would bypass the driver.
	 */
	private boolean implementedBy(TypeElement proxy, ExecutableElement method) {
		for (TypeElement type = proxy; type != null; type = superclass(type)) {
			for (ExecutableElement candidate : ElementFilter.methodsIn(type.getEnclosedElements())) {
				if (!candidate.getModifiers().contains(Modifier.ABSTRACT)
						&& elements().overrides(candidate, method, proxy)) {
					return true;
				}
			}
		}
		return false;
	}

	private TypeElement jdbcInterface(TypeElement proxy, TypeElement annotation) {
		Object value = annotationValue(proxy, annotation, "value");
		if (!(value instanceof DeclaredType)) {
			throw new InvalidProxyException("@DelegatesTo needs the JDBC interface");
		}
		TypeElement jdbcInterface = (TypeElement) ((DeclaredType) value).asElement();
		if (jdbcInterface.getKind() != ElementKind.INTERFACE) {
			throw new InvalidProxyException(jdbcInterface + " is not an interface");
		}
		return jdbcInterface;
	}

	/**
	 * The method names an element of the annotation ({@code runsSql}, {@code local})
	 * gives, on the class and on its annotated superclasses: a subclass proxy implements
	 * the superclass proxy's methods again.
	 */
	private Set<String> names(TypeElement proxy, TypeElement annotation, String element) {
		Set<String> names = new LinkedHashSet<>();
		for (TypeElement type = proxy; type != null; type = superclass(type)) {
			Object value = annotationValue(type, annotation, element);
			if (value instanceof List<?>) {
				for (Object name : (List<?>) value) {
					names.add((String) ((AnnotationValue) name).getValue());
				}
			}
		}
		return names;
	}

	private Object annotationValue(TypeElement type, TypeElement annotation, String name) {
		for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
			if (types().isSameType(mirror.getAnnotationType(), annotation.asType())) {
				for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues()
					.entrySet()) {
					if (entry.getKey().getSimpleName().contentEquals(name)) {
						return entry.getValue().getValue();
					}
				}
			}
		}
		return null;
	}

	/** The one field of the class or a superclass whose type is the interface. */
	private String delegateField(TypeElement proxy, TypeElement jdbcInterface) {
		List<String> found = new ArrayList<>();
		for (TypeElement type = proxy; type != null; type = superclass(type)) {
			for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
				if (!field.getModifiers().contains(Modifier.PRIVATE)
						&& types().isSameType(field.asType(), jdbcInterface.asType())) {
					found.add(field.getSimpleName().toString());
				}
			}
		}
		if (found.size() != 1) {
			throw new InvalidProxyException(
					"needs exactly one non-private field of type " + jdbcInterface + " to delegate to, found " + found);
		}
		return found.get(0);
	}

	private TypeElement superclass(TypeElement type) {
		TypeMirror superclass = type.getSuperclass();
		if (superclass.getKind() != TypeKind.DECLARED) {
			return null;
		}
		TypeElement element = (TypeElement) types().asElement(superclass);
		return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
	}

	private static String typeParameters(SourceFile out, ExecutableElement method) {
		if (method.getTypeParameters().isEmpty()) {
			return "";
		}
		return method.getTypeParameters().stream().map((parameter) -> {
			List<String> bounds = parameter.getBounds()
				.stream()
				.filter((bound) -> !bound.toString().equals("java.lang.Object"))
				.map(out::name)
				.collect(Collectors.toList());
			return parameter.getSimpleName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds));
		}).collect(Collectors.joining(", ", "<", "> "));
	}

	private static String parameters(SourceFile out, ExecutableElement method) {
		List<String> parameters = new ArrayList<>();
		List<? extends VariableElement> elements = method.getParameters();
		for (int i = 0; i < elements.size(); i++) {
			VariableElement parameter = elements.get(i);
			String type = out.name(parameter.asType());
			if (method.isVarArgs() && i == elements.size() - 1) {
				type = type.substring(0, type.length() - 2) + "...";
			}
			parameters.add(type + " " + parameter.getSimpleName());
		}
		return String.join(", ", parameters);
	}

	private static String arguments(ExecutableElement method) {
		return method.getParameters()
			.stream()
			.map((p) -> p.getSimpleName().toString())
			.collect(Collectors.joining(", "));
	}

	private static String throwsClause(SourceFile out, ExecutableElement method) {
		if (method.getThrownTypes().isEmpty()) {
			return "";
		}
		return method.getThrownTypes().stream().map(out::name).collect(Collectors.joining(", ", " throws ", ""));
	}

	private Elements elements() {
		return this.processingEnv.getElementUtils();
	}

	private Types types() {
		return this.processingEnv.getTypeUtils();
	}

	/** A class the processor cannot generate; reported as a compile error on it. */
	private static final class InvalidProxyException extends RuntimeException {

		InvalidProxyException(String message) {
			super(message);
		}

	}

}
