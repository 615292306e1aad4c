package io.vocalhost.auth.user;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A person who signed in, as the frontend sees them. */
public record User(long id, String name, String email, @JsonProperty("stripe_customer_id") String stripeCustomerId) {
}
