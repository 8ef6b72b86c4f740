/**
 * HTTPS for every Spring HTTP service of the hub: the hub's TLS keys as a Spring Boot SSL bundle
 * ({@link uk.vruhub.security.http.HttpTlsEnvironment}) and a server that will not start on plain
 * HTTP unless told to ({@link uk.vruhub.security.http.HttpTlsAutoConfiguration}).
 */
package uk.vruhub.security.http;
