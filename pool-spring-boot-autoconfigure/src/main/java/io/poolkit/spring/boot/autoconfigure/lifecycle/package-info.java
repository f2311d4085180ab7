/**
 * The pool in the application context's lifecycle: drained on stop and refilled on start,
 * so a JVM checkpoint (CRaC) holds no database connection.
 */
package io.poolkit.spring.boot.autoconfigure.lifecycle;
