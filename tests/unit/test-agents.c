/* test-agents: how an agent is named and told apart (src/orch/agents.c):
 * its label in full and brief, the order agents are listed in, and an
 * event's "role"/"coder" fields written and read back. */
#include <stdlib.h>

#include "check.h"
#include "orch/orch-int.h"

static const struct orch_agent_id model = { ORCH_ROLE_MODEL, 0 }, planner = { ORCH_ROLE_PLANNER, 0 },
				  coder2 = { ORCH_ROLE_CODER, 2 }, coder10 = { ORCH_ROLE_CODER, 10 },
				  reviewer = { ORCH_ROLE_REVIEWER, 0 };

static const char *label(const struct orch_agent_id *who, int brief)
{
	static char out[32];
	orch_agent_label(who, brief, out, sizeof out);
	return out;
}

static void test_labels(void)
{
	CHECK_STR(label(&planner, 0), "planner");
	CHECK_STR(label(&coder2, 0), "coder 2");
	CHECK_STR(label(&reviewer, 0), "reviewer");
	CHECK_STR(label(&model, 0), "model");
	CHECK_STR(label(&planner, 1), "P");
	CHECK_STR(label(&coder10, 1), "C10");
	CHECK_STR(label(&reviewer, 1), "R");
}

static void test_order(void)
{
	CHECK(orch_agent_before(&model, &planner));
	CHECK(orch_agent_before(&planner, &coder2));
	CHECK(orch_agent_before(&coder2, &coder10));
	CHECK(orch_agent_before(&coder10, &reviewer));
	CHECK(!orch_agent_before(&reviewer, &coder2));
	CHECK(!orch_agent_before(&coder2, &coder2));
}

/* What orch_add_who writes, orch_agent_of reads; the model and fields
 * naming no role are no agent. */
static void test_fields_round_trip(void)
{
	const struct orch_agent_id *all[] = { &planner, &coder2, &coder10, &reviewer };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		cJSON *f = cJSON_CreateObject();
		struct orch_agent_id got = { ORCH_ROLE_MODEL, -1 };
		orch_add_who(f, all[i]);
		CHECK(orch_agent_of(f, &got));
		CHECK(got.role == all[i]->role && got.coder == all[i]->coder);
		cJSON_Delete(f);
	}
	cJSON *f = cJSON_CreateObject();
	struct orch_agent_id got;
	orch_add_who(f, &model);
	CHECK(cJSON_GetArraySize(f) == 0);
	CHECK(!orch_agent_of(f, &got));
	cJSON_AddStringToObject(f, "role", "manager");
	CHECK(!orch_agent_of(f, &got));
	cJSON_Delete(f);
}

int main(void)
{
	RUN(test_labels);
	RUN(test_order);
	RUN(test_fields_round_trip);
	return CHECK_EXIT();
}
