#pragma once
// The two shapes of a record (single-turn triple, conversation) seen as one
// list of chat messages, and the rules that keep a record's fields
// consistent whichever shape it has (see data/record.h).

#include "core/chat_message.h"
#include "data/record.h"

#include <string>
#include <vector>

namespace sft {

/** True when the record holds a conversation (turns), false for a single-turn record. */
inline bool isConversation(const Record &r) { return !r.turns.empty(); }

/**
 * The record as chat messages: the system message (when not empty), then the
 * turns, or for a single-turn record one user message (instruction, and input
 * after a blank line when not empty) and one assistant message (output, left
 * out when empty).
 */
std::vector<ChatMessage> messagesOf(const Record &r);

/** The user / assistant messages of messagesOf() (the system message left out). */
std::vector<ChatMessage> turnsOf(const Record &r);

/**
 * Number of turns: user messages (a turn is a user message and the reply to
 * it). A single-turn record has 1.
 */
int turnCount(const Record &r);

/**
 * Give r the messages (user / assistant, no system) as its content, in the
 * shape the rules of data/record.h choose: exactly [user, assistant] (or a
 * lone user message) becomes single-turn (instruction = user, input empty,
 * output = assistant); anything else is stored as turns with the summary
 * fields set. Throws sft::Error (field "turns[i].role") for a role other than
 * user / assistant, and for an empty list or one without a user message.
 */
void setTurns(Record &r, std::vector<ChatMessage> turns);

/**
 * Check a conversation's turns as the readers and the workspace accept them:
 * roles user / assistant only, at least one user message. Returns the index
 * of the first bad message (or 0 for an empty list) and sets why; -1 when fine.
 */
int checkTurns(const std::vector<ChatMessage> &turns, std::string &why);

/**
 * "user", "assistant" and "system" from the names datasets use, case-insensitively: user, human,
 * prompter; assistant, gpt, chatgpt, bing, bard, bot, model; system. "" if unknown.
 */
std::string canonicalRole(const std::string &name);

/** All of a record's text for search and whole-conversation comparison: system and every message, blank-line joined. */
std::string conversationText(const Record &r);

} // namespace sft
