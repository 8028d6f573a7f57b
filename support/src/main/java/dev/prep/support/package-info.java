/**
 * What every topic's demos share: the machine line that labels measured numbers, a runner for probe
 * programs in child JVMs, and output capture for the demos' tests.
 */
package dev.prep.support;
