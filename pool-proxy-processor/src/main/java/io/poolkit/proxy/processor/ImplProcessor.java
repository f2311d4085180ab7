package io.poolkit.proxy.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
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
 * What the two processors share: each turns a hand-written abstract class, annotated with
 * the JDBC interface it implements, into the final class {@code <ClassName>Impl} in the
 * same package. That class extends it, repeats its non-private constructors and
 * implements the interface methods the class and its superclasses leave, one section per
 * interface, by name. A processor chooses which of those methods to write and writes
 * their bodies: {@link DelegationProcessor} delegates to the driver,
 * {@link UnsupportedProcessor} throws.
 */
abstract class ImplProcessor extends AbstractProcessor {

	private final String annotationName;

	private final String product;

	/**
	 * @param annotationName the qualified name of the annotation the processor reads
	 * @param product what it writes, for the error that it could not
	 */
	ImplProcessor(String annotationName, String product) {
		this.annotationName = annotationName;
		this.product = product;
	}

	@Override
	public SourceVersion getSupportedSourceVersion() {
		// Reads only declarations, which every Java version since 17 writes alike.
		return SourceVersion.latestSupported();
	}

	@Override
	public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
		TypeElement annotation = elements().getTypeElement(this.annotationName);
		if (annotation == null) {
			return false;
		}
		for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation))) {
			try {
				generate(type, annotation);
			}
			catch (InvalidTypeException ex) {
				this.processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, ex.getMessage(), type);
			}
			catch (IOException ex) {
				this.processingEnv.getMessager()
					.printMessage(Diagnostic.Kind.ERROR, "Could not write " + this.product + ": " + ex, type);
			}
		}
		return true;
	}

	/**
	 * Writes the {@code Impl} class of one annotated class, or throws
	 * {@link InvalidTypeException} to report why it cannot.
	 */
	abstract void generate(TypeElement type, TypeElement annotation) throws IOException;

	/**
	 * Writes the body of one method; {@link #writeSignature} writes what comes before.
	 */
	@FunctionalInterface
	interface MethodWriter {

		void write(SourceFile out, ExecutableElement method);

	}

	/**
	 * Writes the class after its Javadoc, which the caller has written to {@code out}:
	 * its header, its constructors, then {@code methods} in their order, a section
	 * comment where the declaring interface changes.
	 */
	final void writeClass(SourceFile out, TypeElement type, List<ExecutableElement> methods, MethodWriter body)
			throws IOException {
		String className = type.getSimpleName() + "Impl";
		out.line("final class " + className + " extends " + type.getSimpleName() + " {");
		for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
			if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
				out.line("");
				out.line("\t" + className + "(" + parameters(out, constructor) + ") {");
				out.line("\t\tsuper(" + arguments(constructor) + ");");
				out.line("\t}");
			}
		}
		Element section = null;
		for (ExecutableElement method : methods) {
			if (method.getEnclosingElement() != section) {
				section = method.getEnclosingElement();
				out.line("");
				out.line("\t// ---- " + ((TypeElement) section).getQualifiedName());
			}
			body.write(out, method);
		}
		out.line("");
		out.line("}");
		String packageName = elements().getPackageOf(type).getQualifiedName().toString();
		try (Writer writer = this.processingEnv.getFiler()
			.createSourceFile(packageName + "." + className, type)
			.openWriter()) {
			writer.write(out.toString());
		}
	}

	/** A new source file in the package of {@code type}. */
	final SourceFile sourceFile(TypeElement type) {
		return new SourceFile(elements().getPackageOf(type).getQualifiedName().toString(), this.processingEnv);
	}

	/**
	 * Writes the lines of a method up to its opening brace: a blank line, the annotations
	 * (deprecated where the interface deprecates it) and the signature.
	 */
	final void writeSignature(SourceFile out, ExecutableElement method) {
		out.line("");
		if (elements().isDeprecated(method)) {
			out.line("\t@Deprecated");
		}
		out.line("\t@Override");
		out.line("\tpublic " + typeParameters(out, method) + out.name(method.getReturnType()) + " "
				+ method.getSimpleName() + "(" + parameters(out, method) + ")" + throwsClause(out, method) + " {");
	}

	/**
	 * The JDBC interface the annotation names on {@code type}, after checking that
	 * {@code type} is an abstract class implementing it.
	 */
	final TypeElement jdbcInterface(TypeElement type, TypeElement annotation) {
		if (type.getKind() != ElementKind.CLASS || !type.getModifiers().contains(Modifier.ABSTRACT)) {
			throw new InvalidTypeException("@" + annotation.getSimpleName() + " belongs on an abstract class");
		}
		Object value = annotationValue(type, annotation, "value");
		if (!(value instanceof DeclaredType)) {
			throw new InvalidTypeException("@" + annotation.getSimpleName() + " needs the JDBC interface");
		}
		TypeElement jdbcInterface = (TypeElement) ((DeclaredType) value).asElement();
		if (jdbcInterface.getKind() != ElementKind.INTERFACE) {
			throw new InvalidTypeException(jdbcInterface + " is not an interface");
		}
		if (!types().isAssignable(type.asType(), jdbcInterface.asType())) {
			throw new InvalidTypeException(type.getSimpleName() + " must implement " + jdbcInterface);
		}
		return jdbcInterface;
	}

	/**
	 * The interface's methods with those of its superinterfaces, each signature once (as
	 * the most specific interface declares it): by interface, supertypes first, then by
	 * name, so that overloads stand together.
	 */
	final List<ExecutableElement> interfaceMethods(TypeElement jdbcInterface) {
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
	 * method. Interface default methods do not count.
	 */
	final boolean implementedBy(TypeElement type, ExecutableElement method) {
		for (TypeElement current = type; current != null; current = superclass(current)) {
			for (ExecutableElement candidate : ElementFilter.methodsIn(current.getEnclosedElements())) {
				if (!candidate.getModifiers().contains(Modifier.ABSTRACT)
						&& elements().overrides(candidate, method, type)) {
					return true;
				}
			}
		}
		return false;
	}

	final Object annotationValue(TypeElement type, TypeElement annotation, String name) {
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

	/** The superclass of {@code type}, or null when that is {@code Object}. */
	final TypeElement superclass(TypeElement type) {
		TypeMirror superclass = type.getSuperclass();
		if (superclass.getKind() != TypeKind.DECLARED) {
			return null;
		}
		TypeElement element = (TypeElement) types().asElement(superclass);
		return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
	}

	/** Whether the method's throws clause admits the exception of that qualified name. */
	final boolean mayThrow(ExecutableElement method, String exception) {
		TypeMirror thrownType = elements().getTypeElement(exception).asType();
		for (TypeMirror thrown : method.getThrownTypes()) {
			if (types().isAssignable(thrownType, thrown)) {
				return true;
			}
		}
		return false;
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

	static String arguments(ExecutableElement method) {
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

	final Elements elements() {
		return this.processingEnv.getElementUtils();
	}

	final Types types() {
		return this.processingEnv.getTypeUtils();
	}

	/** A class the processor cannot generate; reported as a compile error on it. */
	static final class InvalidTypeException extends RuntimeException {

		InvalidTypeException(String message) {
			super(message);
		}

	}

}
