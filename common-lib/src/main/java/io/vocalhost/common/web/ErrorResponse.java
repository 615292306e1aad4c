package io.vocalhost.common.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error answer a handler gives besides the 400, 401 and 404 every document already
 * shows, listed in the OpenAPI document with the {@code {"error","details"}} body, e.g.
 * {@code @ErrorResponse(status = 409, description = "Slot no longer available")}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ErrorResponses.class)
public @interface ErrorResponse {

	int status();

	String description();

}
