/**
 * The broker's market algorithms as plain Java: slice selection, the DDRA auction. Nothing here
 * depends on Fabric, so the chaincode, the agents, the simulators and the benchmarks share one
 * implementation.
 */
package io.sfsbroker.market;
