package io.vocalhost.billing.customer;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Creates pending Stripe customers: new ones within a round, failed ones when due. */
@Component
class CustomerCreation {

	private final Customers customers;

	CustomerCreation(Customers customers) {
		this.customers = customers;
	}

	@Scheduled(fixedDelayString = "${vocalhost.billing.customer-round:1s}")
	void createDue() {
		this.customers.createDue();
	}

}
