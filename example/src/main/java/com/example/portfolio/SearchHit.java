package com.example.portfolio;

/** One vector-search result: a security id and its cosine similarity to the theme's query. */
record SearchHit(String id, double similarity) {}
