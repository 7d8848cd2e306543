// GPT-2's bytes_to_unicode table, built once.

#include "tokenizer/byte_level.h"

#include "core/utf8.h"

#include <array>

namespace sft::tok {

namespace {

struct Tables
{
    std::array<std::string, 256> toChar;
    std::array<int, 0x180> toByte;   // all alphabet code points are < U+0144
    Tables()
    {
        toByte.fill(-1);
        int n = 0;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            const char32_t cp = printable ? char32_t(b) : char32_t(256 + n++);
            utf8::append(toChar[b], cp);
            toByte[cp] = b;
        }
    }
};

const Tables &tables()
{
    static const Tables t;
    return t;
}

} // namespace

const std::string &byteToChar(std::uint8_t b) { return tables().toChar[b]; }

void appendByteLevel(std::string &out, std::string_view s)
{
    const Tables &t = tables();
    for (unsigned char c : s)
        out += t.toChar[c];
}

int charToByte(char32_t cp) { return cp < 0x180 ? tables().toByte[cp] : -1; }

} // namespace sft::tok
