package com.example.portfolio.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deterministic stand-in for an embedding model: each token (and each pair of adjacent tokens)
 * maps to a fixed pseudo-random vector seeded by its hash; a text's embedding is their weighted
 * sum, normalised. Texts sharing words and phrases therefore land close together, which is all
 * vector search needs.
 */
final class TextEmbedder {

  static final int DIMENSION = 384;
  static final String MODEL = "hash-embed-384-v1";

  private static final double BIGRAM_WEIGHT = 0.5;
  private static final int MAX_CACHED_TOKENS = 200_000;
  private static final Set<String> STOPWORDS =
      Set.of("a", "an", "and", "are", "as", "at", "by", "for", "from", "has", "in", "is", "it",
          "its", "of", "on", "or", "that", "the", "to", "with", "about", "company", "group");

  private static final TextEmbedder SHARED = new TextEmbedder();

  private final Map<String, float[]> tokenVectors = new ConcurrentHashMap<>();

  static TextEmbedder shared() {
    return SHARED;
  }

  /** The unit-length embedding of {@code text}; all zeros when it has no meaningful token. */
  float[] embed(String text) {
    List<String> tokens = tokens(text);
    double[] sum = new double[DIMENSION];
    for (int i = 0; i < tokens.size(); i++) {
      add(sum, tokenVector(tokens.get(i)), 1.0);
      if (i + 1 < tokens.size()) {
        add(sum, tokenVector(tokens.get(i) + ' ' + tokens.get(i + 1)), BIGRAM_WEIGHT);
      }
    }
    double norm = 0;
    for (double x : sum) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[DIMENSION];
    if (norm > 0) {
      for (int d = 0; d < DIMENSION; d++) {
        out[d] = (float) (sum[d] / norm);
      }
    }
    return out;
  }

  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String t : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!t.isEmpty() && !STOPWORDS.contains(t)) {
        tokens.add(t);
      }
    }
    return tokens;
  }

  private float[] tokenVector(String token) {
    float[] v = tokenVectors.get(token);
    if (v == null) {
      v = randomVector(token);
      if (tokenVectors.size() < MAX_CACHED_TOKENS) {
        tokenVectors.putIfAbsent(token, v);
      }
    }
    return v;
  }

  private static float[] randomVector(String token) {
    Random random = new Random(fnv1a64(token));
    float[] v = new float[DIMENSION];
    for (int d = 0; d < DIMENSION; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return v;
  }

  private static void add(double[] sum, float[] v, double weight) {
    for (int d = 0; d < DIMENSION; d++) {
      sum[d] += weight * v[d];
    }
  }

  private static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
