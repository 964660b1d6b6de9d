/**
 * Multi-flow applications (paper 000): the request and its flows, operators' flow bids, the
 * selection with its scored bids, and the application's states. The market module's multi-flow
 * selection reads and writes these records.
 */
package io.sfsbroker.protocol.multiflow;
