/**
 * Slice requests (flow steps 1 to 4): the body a fog node signs and the blueprint the prime mover
 * publishes.
 */
package io.sfsbroker.protocol.request;
