#pragma once
// The GPT-2 byte-to-unicode alphabet used by byte-level BPE (ByteLevel
// pre-tokenizer and decoder): printable bytes map to themselves, the other 68
// bytes to U+0100.. so every byte is one visible character.

#include <cstdint>
#include <string>
#include <string_view>

namespace sft::tok {

/** The character (as UTF-8) standing for byte b. */
const std::string &byteToChar(std::uint8_t b);
/** Append the byte-level form of raw bytes s. */
void appendByteLevel(std::string &out, std::string_view s);
/** The byte a byte-level code point stands for, or -1 when cp is not in the alphabet. */
int charToByte(char32_t cp);

} // namespace sft::tok
