/**
 * Slices (flow steps 9 to 12): the slice and its states, endpoints, the winners' confirmations, the
 * fog node's confirmation and failure reports, and the slice's history.
 */
package io.sfsbroker.protocol.slice;
