/** One command runs the whole hub on one machine. */
package uk.vruhub.local;
