/**
 * Container mode of the test kit: the hub's locally built images (see {@code deploy/docker}) run by
 * Testcontainers. Tests marked {@link uk.vruhub.testkit.containers.ContainerTest} are skipped with
 * a message where no Docker engine or image is available, and fail instead when {@code
 * hub.it.docker.required=true} (CI).
 */
package uk.vruhub.testkit.containers;
