package com.example.portfolio.upstream;

import java.util.List;
import java.util.Map;

/**
 * The words the generated universe is written with: sectors, countries, name parts, and the topics
 * (with their phrases and revenue segments) that themed companies talk about.
 *
 * <p>This is the reference service's own data, deliberately not shared with the scorer's theme
 * dictionary: the two overlap the way a real dictionary and real filings do, not exactly.
 */
final class Vocabulary {

  private Vocabulary() {}

  /** A topic a company can be exposed to: what its description says and how its revenue splits. */
  record Topic(String key, List<String> phrases, List<String> segments, List<String> products) {}

  /** A sector: what every company in it does, and how its revenue splits when it has no topic. */
  record Sector(
      String name,
      String noun,
      List<String> activities,
      List<String> segments,
      Map<String, Double> topicOdds) {}

  record Country(String code, String name, int weight) {}

  static final List<Topic> TOPICS =
      List.of(
          new Topic(
              "ai",
              List.of(
                  "artificial intelligence", "machine learning", "deep learning",
                  "neural networks", "generative AI", "large language models", "computer vision",
                  "natural language processing", "AI inference", "predictive analytics",
                  "AI accelerators", "recommendation engines", "speech recognition",
                  "autonomous systems", "training data pipelines"),
              List.of("AI Platforms", "Machine Learning Services", "Data Center GPUs",
                  "Analytics Software", "Robotics"),
              List.of("analytics", "platform", "automation", "software")),
          new Topic(
              "clean_energy",
              List.of(
                  "solar power", "wind turbines", "offshore wind", "battery storage",
                  "green hydrogen", "renewable energy", "grid modernization", "energy storage",
                  "heat pumps", "carbon capture", "geothermal power", "photovoltaic modules",
                  "low-carbon electricity", "smart grid", "clean energy"),
              List.of("Solar Modules", "Wind Turbines", "Grid Storage", "Renewable Generation",
                  "Hydrogen Electrolyzers", "Energy Efficiency Services"),
              List.of("generation", "project development", "equipment", "services")),
          new Topic(
              "cybersecurity",
              List.of(
                  "cybersecurity", "zero trust", "endpoint protection", "threat detection",
                  "identity management", "encryption", "security operations",
                  "ransomware protection", "network security", "next-generation firewalls",
                  "intrusion detection", "cloud security", "vulnerability management"),
              List.of("Security Software", "Managed Security Services", "Identity Solutions",
                  "Network Firewalls"),
              List.of("security", "subscription", "managed services", "software")),
          new Topic(
              "electric_vehicles",
              List.of(
                  "electric vehicles", "EV charging", "battery cells", "lithium-ion batteries",
                  "electric drivetrains", "charging networks", "battery materials",
                  "lithium refining", "autonomous driving", "e-mobility", "solid-state batteries",
                  "power electronics"),
              List.of("Electric Vehicles", "Charging Infrastructure", "Battery Cells",
                  "Lithium Chemicals", "Power Electronics"),
              List.of("vehicle", "components", "charging", "materials")),
          new Topic(
              "fintech",
              List.of(
                  "digital payments", "mobile banking", "payment processing", "blockchain",
                  "peer-to-peer lending", "digital wallets", "buy now pay later",
                  "fraud detection", "open banking", "cross-border payments", "embedded finance",
                  "robo-advisory"),
              List.of("Payment Processing", "Digital Banking", "Lending Platforms",
                  "Transaction Services"),
              List.of("payments", "platform", "lending", "processing")),
          new Topic(
              "healthcare_innovation",
              List.of(
                  "gene therapy", "genomics", "precision medicine", "cell therapy",
                  "mRNA vaccines", "gene editing", "CRISPR", "telehealth", "medical robotics",
                  "molecular diagnostics", "biologics", "clinical trials", "rare diseases",
                  "digital health", "immunotherapy"),
              List.of("Gene Therapies", "Molecular Diagnostics", "Biologics", "Medical Robotics",
                  "Digital Health Services"),
              List.of("pipeline", "therapeutics", "diagnostics", "research")),
          new Topic(
              "cloud",
              List.of(
                  "cloud computing", "software as a service", "hyperscale data centers",
                  "cloud infrastructure", "hybrid cloud", "edge computing", "serverless computing",
                  "data centers", "virtualization", "cloud storage", "multi-cloud",
                  "container orchestration"),
              List.of("Cloud Infrastructure", "Subscription Software", "Data Center Services",
                  "Hosting"),
              List.of("subscription", "infrastructure", "hosting", "platform")),
          new Topic(
              "water",
              List.of(
                  "water treatment", "desalination", "water utilities", "wastewater",
                  "water infrastructure", "drip irrigation", "membrane filtration",
                  "smart water metering", "water scarcity", "leak detection", "water reuse"),
              List.of("Water Treatment", "Pumps and Valves", "Water Utilities", "Smart Metering",
                  "Irrigation Systems"),
              List.of("treatment", "infrastructure", "equipment", "utility")),
          new Topic(
              "space",
              List.of(
                  "satellites", "launch vehicles", "satellite broadband", "earth observation",
                  "space exploration", "low earth orbit", "rocket engines", "spacecraft",
                  "satellite communications", "geospatial data"),
              List.of("Satellite Services", "Launch Services", "Spacecraft Components",
                  "Geospatial Analytics"),
              List.of("launch", "satellite", "components", "data")),
          new Topic(
              "semiconductors",
              List.of(
                  "semiconductors", "chip design", "wafer fabrication", "foundry services",
                  "lithography", "memory chips", "microcontrollers", "advanced packaging",
                  "silicon carbide", "analog chips", "EDA software", "integrated circuits"),
              List.of("Logic Chips", "Memory", "Foundry Services", "Semiconductor Equipment",
                  "Analog and Power ICs"),
              List.of("chip", "fabrication", "design", "equipment")));

  static final List<Sector> SECTORS =
      List.of(
          new Sector("Information Technology", "technology",
              List.of("enterprise software", "IT services", "consulting", "networking equipment",
                  "storage systems", "managed services", "digital transformation", "hardware"),
              List.of("Enterprise Software", "IT Services", "Hardware", "Consulting",
                  "Maintenance and Support"),
              Map.of("ai", 0.16, "cloud", 0.14, "cybersecurity", 0.12, "semiconductors", 0.12,
                  "fintech", 0.05, "space", 0.03, "healthcare_innovation", 0.03,
                  "electric_vehicles", 0.02)),
          new Sector("Health Care", "healthcare",
              List.of("pharmaceuticals", "medical devices", "hospital services",
                  "generic drugs", "contract research", "health insurance", "laboratory services",
                  "specialty pharmacy"),
              List.of("Pharmaceuticals", "Medical Devices", "Hospital Services",
                  "Laboratory Services", "Consumer Health"),
              Map.of("healthcare_innovation", 0.30, "ai", 0.08, "cloud", 0.03, "water", 0.02)),
          new Sector("Financials", "financial services",
              List.of("retail banking", "commercial lending", "asset management", "insurance",
                  "wealth management", "brokerage", "mortgages", "capital markets"),
              List.of("Retail Banking", "Commercial Lending", "Asset Management", "Insurance",
                  "Wealth Management"),
              Map.of("fintech", 0.25, "ai", 0.06, "cybersecurity", 0.05, "cloud", 0.03)),
          new Sector("Consumer Discretionary", "consumer",
              List.of("automobiles", "apparel", "restaurants", "hotels", "home furnishings",
                  "e-commerce", "leisure products", "specialty retail"),
              List.of("Automobiles", "Retail Stores", "E-commerce", "Apparel", "Hospitality"),
              Map.of("electric_vehicles", 0.20, "ai", 0.06, "fintech", 0.05, "cloud", 0.03)),
          new Sector("Communication Services", "media and telecom",
              List.of("wireless services", "broadband", "advertising", "streaming video",
                  "video games", "publishing", "fiber networks", "social media"),
              List.of("Wireless Services", "Broadband", "Advertising", "Content Licensing",
                  "Gaming"),
              Map.of("ai", 0.12, "cloud", 0.10, "space", 0.08, "cybersecurity", 0.06,
                  "fintech", 0.03)),
          new Sector("Industrials", "industrial",
              List.of("aerospace components", "construction machinery", "logistics", "rail",
                  "electrical equipment", "building products", "defense systems",
                  "industrial automation"),
              List.of("Machinery", "Aerospace", "Logistics", "Electrical Equipment",
                  "Building Products"),
              Map.of("space", 0.10, "clean_energy", 0.10, "water", 0.08,
                  "electric_vehicles", 0.08, "ai", 0.05, "semiconductors", 0.03,
                  "cybersecurity", 0.02)),
          new Sector("Consumer Staples", "consumer staples",
              List.of("packaged foods", "beverages", "household products", "personal care",
                  "grocery retail", "tobacco", "agricultural products", "food distribution"),
              List.of("Packaged Foods", "Beverages", "Household Products", "Personal Care",
                  "Grocery Retail"),
              Map.of("water", 0.08, "clean_energy", 0.04, "healthcare_innovation", 0.04,
                  "ai", 0.03)),
          new Sector("Energy", "energy",
              List.of("oil and gas", "refining", "pipelines", "natural gas", "exploration",
                  "energy trading", "offshore drilling", "LNG export"),
              List.of("Upstream Oil and Gas", "Refining", "Midstream Pipelines", "Natural Gas",
                  "Oilfield Services"),
              Map.of("clean_energy", 0.22, "electric_vehicles", 0.05, "water", 0.03)),
          new Sector("Utilities", "utility",
              List.of("electricity distribution", "regulated networks", "gas distribution",
                  "power generation", "retail energy supply", "transmission lines",
                  "district heating", "nuclear generation"),
              List.of("Regulated Electricity", "Gas Distribution", "Power Generation",
                  "Retail Supply", "Transmission"),
              Map.of("clean_energy", 0.30, "water", 0.20, "cybersecurity", 0.02)),
          new Sector("Real Estate", "real estate",
              List.of("office buildings", "residential rentals", "logistics warehouses",
                  "shopping centers", "property management", "real estate development",
                  "senior housing", "self storage"),
              List.of("Office Properties", "Residential Properties", "Industrial Properties",
                  "Retail Properties", "Property Services"),
              Map.of("cloud", 0.10, "clean_energy", 0.06, "water", 0.02)),
          new Sector("Materials", "materials",
              List.of("specialty chemicals", "steel", "aluminium", "copper mining",
                  "packaging", "construction materials", "fertilizers", "industrial gases"),
              List.of("Specialty Chemicals", "Metals", "Mining", "Packaging",
                  "Construction Materials"),
              Map.of("electric_vehicles", 0.12, "semiconductors", 0.06, "clean_energy", 0.07,
                  "water", 0.06, "healthcare_innovation", 0.03)));

  static final List<Country> COUNTRIES =
      List.of(
          new Country("US", "the United States", 34), new Country("CA", "Canada", 5),
          new Country("GB", "the United Kingdom", 7), new Country("DE", "Germany", 6),
          new Country("FR", "France", 5), new Country("NL", "the Netherlands", 3),
          new Country("CH", "Switzerland", 3), new Country("SE", "Sweden", 3),
          new Country("JP", "Japan", 9), new Country("KR", "South Korea", 4),
          new Country("TW", "Taiwan", 4), new Country("CN", "China", 7),
          new Country("IN", "India", 5), new Country("AU", "Australia", 3),
          new Country("BR", "Brazil", 2));

  static final List<String> NAME_HEADS =
      List.of("Al", "Bel", "Cor", "Dyn", "El", "Fen", "Gal", "Hel", "Ion", "Jun", "Kel", "Lum",
          "Mer", "Nor", "Or", "Pax", "Quan", "Ros", "Sol", "Tor", "Ul", "Ver", "Wes", "Xen",
          "Yor", "Zen", "Ast", "Brio", "Cal", "Dor");

  static final List<String> NAME_TAILS =
      List.of("ara", "tex", "vant", "ion", "ix", "on", "ora", "ica", "ent", "exa", "ium", "etta");

  static final List<String> NAME_WORDS =
      List.of("Systems", "Holdings", "Technologies", "Industries", "Group", "Partners",
          "Dynamics", "Networks", "Resources", "Solutions", "International", "Works");

  static final List<String> LEGAL_FORMS =
      List.of("Inc.", "Corp.", "plc", "AG", "SA", "Ltd", "NV", "Co.");

  static final List<String> SCALES =
      List.of("global", "regional", "mid-sized", "diversified", "specialist", "leading",
          "vertically integrated", "fast-growing");

  static final List<String> VERBS =
      List.of("provides", "sells", "develops", "manufactures", "operates", "delivers");

  static final List<String> CUSTOMERS =
      List.of("enterprise", "government", "retail", "industrial", "institutional",
          "small-business", "consumer", "hospital");

  static final List<String> INVESTMENT_VERBS =
      List.of("is investing heavily in", "has expanded into", "is scaling its work on",
          "generates growing sales from", "recently acquired a business in",
          "holds patents covering");

  static final List<String> FOCUS =
      List.of("operating margins", "cash returns", "customer retention", "cost discipline",
          "international expansion", "product quality", "supply chain resilience",
          "bolt-on acquisitions");
}
