package com.factordesk.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.factordesk.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application behind a real Tomcat on a random port, on a database of its own
 * with a small demo book (about 400 invoices) and the demo users: what Tomcat parses
 * before Spring sees a request is part of what is tested, and nothing another test does
 * changes what these tests count. Every such test shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestDatabase.FRESH + "=true", "factordesk.demo.invoices=400" })
@interface OverRealHttp {

}
