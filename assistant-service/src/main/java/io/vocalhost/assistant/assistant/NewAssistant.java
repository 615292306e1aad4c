package io.vocalhost.assistant.assistant;

import io.vocalhost.assistant.assistant.Assistant.Business;
import io.vocalhost.assistant.assistant.Assistant.Receptionist;
import io.vocalhost.assistant.assistant.Assistant.WeeklySchedule;

/** A checked registration, ready to store. */
record NewAssistant(Receptionist receptionist, Business business, WeeklySchedule schedule, boolean withPhoneNumber) {
}
