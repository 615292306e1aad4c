package io.vocalhost.common.error;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The details of a refused request body or form (servlet or reactive):
 * {@code "field: problem"} for every bad field, joined by {@code "; "}. Fields are named
 * as the client sent them (the {@code @JsonProperty} or {@code @BindParam} name of the
 * record component), listed in the record's declaration order, one problem each (the
 * first a field's constraints report).
 */
final class FieldProblems {

	private FieldProblems() {
	}

	static String describe(MethodArgumentNotValidException ex) {
		return describe(ex.getParameter(), ex.getBindingResult());
	}

	/**
	 * @param parameter the handler parameter the request was bound to
	 * @param binding what binding and validation found
	 */
	static String describe(MethodParameter parameter, BindingResult binding) {
		Class<?> request = requestType(parameter);
		Map<String, String> problems = new LinkedHashMap<>();
		binding.getFieldErrors()
			.stream()
			.sorted(Comparator.comparingInt((FieldError error) -> position(request, error.getField())))
			.forEach((error) -> problems.putIfAbsent(wireName(request, error.getField()), message(error)));
		return problems.entrySet()
			.stream()
			.map((problem) -> problem.getKey() + ": " + problem.getValue())
			.collect(Collectors.joining("; "));
	}

	/** The request record, also when a reactive handler takes it as {@code Mono<T>}. */
	private static Class<?> requestType(MethodParameter parameter) {
		if (parameter == null) {
			return Object.class;
		}
		Class<?> declared = parameter.getParameterType();
		Class<?> element = ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve();
		return (!declared.isRecord() && element != null && element.isRecord()) ? element : declared;
	}

	private static String message(FieldError error) {
		return error.isBindingFailure() ? "'" + error.getRejectedValue() + "' is not a valid value"
				: error.getDefaultMessage();
	}

	private static int position(Class<?> request, String field) {
		List<RecordComponent> components = components(request);
		for (int i = 0; i < components.size(); i++) {
			if (components.get(i).getName().equals(field)) {
				return i;
			}
		}
		return Integer.MAX_VALUE;
	}

	private static String wireName(Class<?> request, String field) {
		int index = position(request, field);
		if (index == Integer.MAX_VALUE) {
			return field;
		}
		Parameter parameter = canonicalParameter(request, index);
		JsonProperty json = parameter.getAnnotation(JsonProperty.class);
		if (json != null && !json.value().isEmpty()) {
			return json.value();
		}
		BindParam form = parameter.getAnnotation(BindParam.class);
		return (form != null) ? form.value() : field;
	}

	/**
	 * Where a record component's wire name is found: Java copies the component's
	 * {@code @JsonProperty} and {@code @BindParam} to the canonical constructor's
	 * parameter.
	 */
	private static Parameter canonicalParameter(Class<?> request, int index) {
		Class<?>[] types = components(request).stream().map(RecordComponent::getType).toArray(Class<?>[]::new);
		try {
			return request.getDeclaredConstructor(types).getParameters()[index];
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("A record always has its canonical constructor", ex);
		}
	}

	private static List<RecordComponent> components(Class<?> type) {
		return type.isRecord() ? List.of(type.getRecordComponents()) : List.of();
	}

}
