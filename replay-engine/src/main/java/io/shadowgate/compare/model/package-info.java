/**
 * Model-aware comparison of shadow pairs: label flip rate, score drift and the gates on them,
 * read from model-serving responses at configured JSON paths.
 */
package io.shadowgate.compare.model;
