/**
 * HTTPS for every Spring HTTP service of the hub: the hub's TLS keys ({@link
 * uk.vruhub.security.http.HttpTls}) as a Spring Boot SSL bundle, and a server that will not start
 * on plain HTTP unless told to ({@link uk.vruhub.security.http.HttpTlsAutoConfiguration}).
 */
package uk.vruhub.security.http;
