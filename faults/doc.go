// Package faults holds the fault-injection suite (faults_test.go): it builds the
// real unblock binary and runs it against slackemu while it kills it with SIGKILL
// at random points, holds the database's write lock from another process, injects
// 429 and 5xx storms, resets and lost answers, and revokes its token; then it
// checks that nothing acknowledged was lost and nothing happened twice. CI runs it
// at a small scale; UNBLOCK_FAULT_KILLS=N runs it with N kills. replicas_test.go
// runs two binaries on one PostgreSQL (UNBLOCK_TEST_POSTGRES) and kills the one
// that runs the schedules, mid-round and mid-digest.
package faults
