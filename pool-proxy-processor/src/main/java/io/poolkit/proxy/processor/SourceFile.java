package io.poolkit.proxy.processor;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * A Java source file being written: its body, and the imports the body's type names need,
 * so that the generated code reads like hand-written code.
 */
final class SourceFile {

	private final String packageName;

	private final ProcessingEnvironment environment;

	/** Simple name to qualified name of each imported type. */
	private final Map<String, String> imports = new TreeMap<>();

	private final StringBuilder body = new StringBuilder();

	SourceFile(String packageName, ProcessingEnvironment environment) {
		this.packageName = packageName;
		this.environment = environment;
	}

	void line(String line) {
		this.body.append(line).append('\n');
	}

	/**
	 * The type as the body spells it: its simple name, imported, unless another type of
	 * that simple name is already imported or in java.lang.
	 */
	String name(TypeMirror type) {
		switch (type.getKind()) {
			case ARRAY:
				return name(((ArrayType) type).getComponentType()) + "[]";
			case WILDCARD:
				return wildcard((WildcardType) type);
			case DECLARED:
				return declared((DeclaredType) type);
			default:
				// Primitives, void and type variables.
				return type.toString();
		}
	}

	private String wildcard(WildcardType type) {
		if (type.getExtendsBound() != null) {
			return "? extends " + name(type.getExtendsBound());
		}
		if (type.getSuperBound() != null) {
			return "? super " + name(type.getSuperBound());
		}
		return "?";
	}

	private String declared(DeclaredType type) {
		TypeElement element = (TypeElement) type.asElement();
		String qualified = element.getQualifiedName().toString();
		String simple = element.getSimpleName().toString();
		String spelled = importable(qualified, simple) ? simple : qualified;
		if (type.getTypeArguments().isEmpty()) {
			return spelled;
		}
		return spelled + type.getTypeArguments().stream().map(this::name).collect(Collectors.joining(", ", "<", ">"));
	}

	private boolean importable(String qualified, String simple) {
		String packageOf = qualified.substring(0, qualified.length() - simple.length() - 1);
		if (packageOf.equals("java.lang") || packageOf.equals(this.packageName)) {
			return true;
		}
		String imported = this.imports.get(simple);
		if (imported != null) {
			return imported.equals(qualified);
		}
		if (this.environment.getElementUtils().getTypeElement("java.lang." + simple) != null) {
			return false;
		}
		this.imports.put(simple, qualified);
		return true;
	}

	@Override
	public String toString() {
		StringBuilder source = new StringBuilder();
		source.append("package ").append(this.packageName).append(";\n\n");
		for (String qualified : this.imports.values().stream().sorted().collect(Collectors.toList())) {
			source.append("import ").append(qualified).append(";\n");
		}
		if (!this.imports.isEmpty()) {
			source.append('\n');
		}
		return source.append(this.body).toString();
	}

}
