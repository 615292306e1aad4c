package io.vocalhost.common.messaging;

import java.util.UUID;

import io.vocalhost.common.testapp.TestApplication;
import io.vocalhost.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(classes = TestApplication.class)
@RealInfrastructure
class ProcessedEventsIntegrationTests {

	@Autowired
	ProcessedEvents processedEvents;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void anEventIsProcessedOnlyOnce() {
		UUID eventId = UUID.randomUUID();
		assertThat(markInTransaction(eventId)).isTrue();
		assertThat(markInTransaction(eventId)).isFalse();
	}

	@Test
	void aRolledBackEffectLeavesTheEventUnprocessed() {
		UUID eventId = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.processedEvents.markProcessed(eventId);
			status.setRollbackOnly();
		});
		assertThat(markInTransaction(eventId)).isTrue();
	}

	@Test
	void refusesToRecordOutsideTheTransactionOfTheEffect() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.processedEvents.markProcessed(UUID.randomUUID()));
	}

	@Test
	void anEventOfAnotherSourceIsRecordedByItsStringIdOnlyOnce() {
		String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
		assertThat(markInTransaction("stripe", eventId)).isTrue();
		assertThat(markInTransaction("stripe", eventId)).isFalse();
	}

	@Test
	void theSameIdFromTwoSourcesIsTwoEvents() {
		String eventId = "SM" + UUID.randomUUID().toString().replace("-", "");
		assertThat(markInTransaction("twilio", eventId)).isTrue();
		assertThat(markInTransaction("stripe", eventId)).isTrue();
		assertThat(markInTransaction("twilio", eventId)).isFalse();
		assertThat(markInTransaction("stripe", eventId)).isFalse();
	}

	@Test
	void anOwnEventIsOneSourceAmongOthers() {
		UUID eventId = UUID.randomUUID();
		assertThat(markInTransaction(eventId)).isTrue();
		assertThat(markInTransaction(ProcessedEvents.OWN_EVENTS, eventId.toString())).isFalse();
		assertThat(markInTransaction("stripe", eventId.toString())).isTrue();
	}

	@Test
	void refusesToRecordAStringIdOutsideTheTransactionOfTheEffect() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.processedEvents.markProcessed("stripe", "evt_outside"));
	}

	private boolean markInTransaction(String source, String eventId) {
		return Boolean.TRUE
			.equals(this.transactions.execute((status) -> this.processedEvents.markProcessed(source, eventId)));
	}

	private boolean markInTransaction(UUID eventId) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> this.processedEvents.markProcessed(eventId)));
	}

}
