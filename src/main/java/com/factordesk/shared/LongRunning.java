package com.factordesk.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller or one of its handler methods: its requests may keep the database busy
 * for longer than a page ({@code factordesk.database.long-request-timeout} instead of
 * {@code request-timeout}, {@link DatabaseTimeouts}).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LongRunning {

}
