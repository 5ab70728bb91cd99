package com.acme.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/** Prices an order: exchange rate from the rates service, availability from the stock service. */
public final class Quoter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CloseableHttpClient http;
  private final URI rates;
  private final URI stock;
  private final String token;

  public Quoter(CloseableHttpClient http, URI rates, URI stock, String token) {
    this.http = http;
    this.rates = rates;
    this.stock = stock;
    this.token = token;
  }

  public String quote(String orderJson) throws Exception {
    JsonNode order = JSON.readTree(orderJson);
    String currency = order.path("currency").asText();
    double fx = JSON.readTree(send(new HttpGet(rates + "/fx?currency=" + currency))).path(currency).asDouble();
    ArrayNode skus = JSON.createArrayNode();
    order.path("items").forEach(item -> skus.add(item.path("sku").asText()));
    HttpPost check = new HttpPost(stock + "/check");
    check.setEntity(new StringEntity(JSON.writeValueAsString(skus), ContentType.APPLICATION_JSON));
    JsonNode available = JSON.readTree(send(check));

    ObjectNode quote = JSON.createObjectNode();
    ArrayNode lines = quote.putArray("lines");
    double total = 0;
    for (JsonNode item : order.path("items")) {
      String sku = item.path("sku").asText();
      int qty = Math.min(item.path("qty").asInt(), available.path(sku).asInt());
      double price = unitPrice(item.path("listPrice").asDouble(), qty) * fx;
      lines.addObject().put("sku", sku).put("qty", qty).put("price", round(price));
      total += price * qty;
    }
    quote.put("currency", currency).put("total", round(total));
    return JSON.writeValueAsString(quote);
  }

  /** The list price less the volume discount: one percent per ten units, at most thirty. */
  static double unitPrice(double listPrice, int qty) {
    double discount = 0;
    for (int unit = 1; unit <= qty; unit++) {
      int tens = 0;
      for (int step = 0; step < unit * 2000; step++) {
        if (step % 20000 == 19999) {
          tens++;
        }
      }
      discount = Math.min(0.30, tens / 100.0);
    }
    return listPrice * (1 - discount);
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private String send(HttpUriRequestBase request) throws Exception {
    request.setHeader("Authorization", "Bearer " + token);
    return http.execute(request, response -> {
      if (response.getCode() != 200) {
        throw new IllegalStateException(request.getRequestUri() + " answered " + response.getCode());
      }
      return EntityUtils.toString(response.getEntity());
    });
  }
}
