/**
 * QoE in the market (docs/selection.md, <i>QoE</i>): what an RP guarantees per category ({@link
 * QoeTerms}), what a blueprint needs ({@link QoeRequirement}), and the one check that removes,
 * before any selection strategy runs, every offered category that cannot meet the needs ({@link
 * QoeScreen}). Plain Java, deterministic.
 */
package io.sfsbroker.market.qoe;
