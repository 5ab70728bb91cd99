package com.example.portfolio.upstream;

import com.example.portfolio.upstream.ReferenceRecord.Segment;
import com.example.portfolio.upstream.Vocabulary.Country;
import com.example.portfolio.upstream.Vocabulary.Sector;
import com.example.portfolio.upstream.Vocabulary.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The securities the upstream serves, generated from a fixed seed so every run of the service (and
 * every test) sees the same data, plus their description embeddings for vector search.
 *
 * <p>{@link java.util.Random} rather than a newer generator because its sequence is specified, so
 * the data does not change with the JDK.
 */
final class Universe {

  static final long SEED = 20_240_611L;
  static final int SIZE = 6_000;

  private static volatile Universe standard;

  private final List<ReferenceRecord> securities;
  private final Map<String, ReferenceRecord> byId;
  private final float[] embeddings; // row i: the normalised embedding of securities.get(i)

  private Universe(List<ReferenceRecord> securities, TextEmbedder embedder) {
    this.securities = List.copyOf(securities);
    Map<String, ReferenceRecord> index = new LinkedHashMap<>();
    for (ReferenceRecord security : securities) {
      index.put(security.id(), security);
    }
    this.byId = Collections.unmodifiableMap(index);
    int dim = TextEmbedder.DIMENSION;
    this.embeddings = new float[securities.size() * dim];
    for (int i = 0; i < securities.size(); i++) {
      ReferenceRecord s = securities.get(i);
      float[] v = embedder.embed(s.name() + ". " + s.description());
      System.arraycopy(v, 0, embeddings, i * dim, dim);
    }
  }

  /** The standard universe, generated once per JVM (it takes a few hundred milliseconds). */
  static Universe standard() {
    Universe u = standard;
    if (u == null) {
      synchronized (Universe.class) {
        u = standard;
        if (u == null) {
          u = generate(SEED, SIZE, TextEmbedder.shared());
          standard = u;
        }
      }
    }
    return u;
  }

  static Universe generate(long seed, int size, TextEmbedder embedder) {
    Generator generator = new Generator(new Random(seed));
    List<ReferenceRecord> securities = new ArrayList<>(size);
    for (int i = 1; i <= size; i++) {
      securities.add(generator.security(String.format(Locale.ROOT, "EQ%05d", i)));
    }
    return new Universe(securities, embedder);
  }

  List<ReferenceRecord> securities() {
    return securities;
  }

  Optional<ReferenceRecord> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  int size() {
    return securities.size();
  }

  /** Cosine similarity of a normalised query with the security at {@code index}. */
  double similarity(float[] normalisedQuery, int index) {
    int offset = index * TextEmbedder.DIMENSION;
    double dot = 0;
    for (int d = 0; d < TextEmbedder.DIMENSION; d++) {
      dot += normalisedQuery[d] * embeddings[offset + d];
    }
    return dot;
  }

  /** Writes securities from a seeded random stream; the order of draws is the data's identity. */
  private static final class Generator {
    private final Random random;
    private final int countryWeightTotal;

    Generator(Random random) {
      this.random = random;
      this.countryWeightTotal = Vocabulary.COUNTRIES.stream().mapToInt(Country::weight).sum();
    }

    ReferenceRecord security(String id) {
      Sector sector = pick(Vocabulary.SECTORS);
      Country country = country();
      String name = name(sector);
      double marketCap = marketCap();
      Optional<Topic> topic = topic(sector);
      Optional<Topic> secondary = sideline(sector, topic);
      String description = description(name, sector, country, topic, secondary);
      List<Segment> segments = segments(sector, topic, secondary);
      return new ReferenceRecord(
          id, name, sector.name(), country.code(), marketCap, description, segments);
    }

    private Country country() {
      int r = random.nextInt(countryWeightTotal);
      for (Country c : Vocabulary.COUNTRIES) {
        r -= c.weight();
        if (r < 0) {
          return c;
        }
      }
      throw new AssertionError("country weights exhausted");
    }

    private String name(Sector sector) {
      String stem = pick(Vocabulary.NAME_HEADS) + pick(Vocabulary.NAME_TAILS);
      String word =
          random.nextBoolean()
              ? pick(Vocabulary.NAME_WORDS)
              : capitalise(sector.noun().split(" ")[0]);
      return stem + " " + word + " " + pick(Vocabulary.LEGAL_FORMS);
    }

    private double marketCap() {
      double millions = Math.exp(8.0 + 1.5 * random.nextGaussian());
      millions = Math.max(50, Math.min(3_000_000, millions));
      return Math.round(millions * 10) / 10.0;
    }

    private Optional<Topic> topic(Sector sector) {
      double r = random.nextDouble();
      // Iterate topics in their declared order so the draw does not depend on Map iteration order.
      for (Topic t : Vocabulary.TOPICS) {
        Double odds = sector.topicOdds().get(t.key());
        if (odds != null) {
          r -= odds;
          if (r < 0) {
            return Optional.of(t);
          }
        }
      }
      return Optional.empty();
    }

    /**
     * A smaller business line on another topic: usually one the sector favours, sometimes any
     * topic at all, so every theme has a long tail across sectors.
     */
    private Optional<Topic> sideline(Sector sector, Optional<Topic> primary) {
      double r = random.nextDouble();
      Optional<Topic> side;
      if (r < 0.15) {
        side = Optional.of(pick(Vocabulary.TOPICS));
      } else if (primary.isPresent() && r < 0.40) {
        side = topic(sector);
      } else {
        side = Optional.empty();
      }
      return side.filter(t -> primary.isEmpty() || !t.equals(primary.get()));
    }

    private String description(
        String name, Sector sector, Country country, Optional<Topic> topic,
        Optional<Topic> secondary) {
      StringBuilder text = new StringBuilder(512);
      text.append(name).append(" is a ").append(pick(Vocabulary.SCALES)).append(' ')
          .append(sector.noun()).append(" company headquartered in ").append(country.name())
          .append(". ");
      List<String> activities = distinct(sector.activities(), 2);
      text.append("The group ").append(pick(Vocabulary.VERBS)).append(' ')
          .append(activities.get(0)).append(" and ").append(activities.get(1)).append(" for ")
          .append(pick(Vocabulary.CUSTOMERS)).append(" customers. ");
      if (topic.isPresent()) {
        List<String> phrases = distinct(topic.get().phrases(), 3);
        text.append("It ").append(pick(Vocabulary.INVESTMENT_VERBS)).append(' ')
            .append(phrases.get(0)).append(" and ").append(phrases.get(1)).append(", and its ")
            .append(pick(topic.get().products())).append(" business benefits from demand for ")
            .append(phrases.get(2)).append(". ");
      } else {
        text.append("Its ").append(pick(sector.activities()))
            .append(" business is mature and generates steady cash flow. ");
      }
      secondary.ifPresent(
          t -> text.append("A smaller unit works on ").append(pick(t.phrases())).append(". "));
      int founded = 1890 + random.nextInt(131);
      text.append("Founded in ").append(founded).append(", it operates ")
          .append(3 + random.nextInt(240)).append(" sites in ").append(1 + random.nextInt(60))
          .append(" countries and employs about ").append(200 + random.nextInt(90_000))
          .append(" people. ");
      text.append("Management targets ").append(2 + random.nextInt(14))
          .append("% annual growth with a focus on ").append(pick(Vocabulary.FOCUS)).append('.');
      return text.toString();
    }

    private List<Segment> segments(
        Sector sector, Optional<Topic> topic, Optional<Topic> secondary) {
      List<String> names = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      topic.ifPresent(
          t -> {
            for (String s : distinct(t.segments(), 1 + random.nextInt(2))) {
              names.add(s);
              weights.add(1.5 + random.nextDouble() * 3);
            }
          });
      secondary.ifPresent(
          t -> {
            names.add(pick(t.segments()));
            weights.add(0.3 + random.nextDouble());
          });
      int sectorSegments = topic.isPresent() ? 1 + random.nextInt(2) : 2 + random.nextInt(3);
      for (String s : distinct(sector.segments(), sectorSegments)) {
        names.add(s);
        weights.add(0.5 + random.nextDouble() * 2);
      }
      double total = weights.stream().mapToDouble(Double::doubleValue).sum();
      List<Segment> segments = new ArrayList<>(names.size());
      double assigned = 0;
      for (int i = 0; i < names.size(); i++) {
        double share =
            i == names.size() - 1
                ? Math.round((1 - assigned) * 10_000) / 10_000.0
                : Math.round(weights.get(i) / total * 10_000) / 10_000.0;
        assigned += share;
        segments.add(new Segment(names.get(i), share));
      }
      return segments;
    }

    private <T> T pick(List<T> options) {
      return options.get(random.nextInt(options.size()));
    }

    /** {@code n} different elements, in a random order. */
    private <T> List<T> distinct(List<T> options, int n) {
      List<T> pool = new ArrayList<>(options);
      List<T> chosen = new ArrayList<>(n);
      for (int i = 0; i < n && !pool.isEmpty(); i++) {
        chosen.add(pool.remove(random.nextInt(pool.size())));
      }
      return chosen;
    }

    private static String capitalise(String word) {
      return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
  }
}
