/**
 * What the redis graders share: talking to a server under test over a plain socket and reporting
 * the learner's failures so they can act on them. {@link dev.prep.redis.grading.RawConnection}
 * sends commands and compares replies with Redis's byte for byte; {@link
 * dev.prep.redis.grading.ExactReply} checks bytes on a socket the grader drives itself (stages
 * whose server is the learner's own); {@link dev.prep.redis.grading.LearnerTrace} finds the line of
 * the learner's code behind a server's internal error. A failed check throws opentest4j's {@code
 * AssertionFailedError}, as AssertJ does, so {@code prep check} shows expected and actual aligned.
 */
package dev.prep.redis.grading;
