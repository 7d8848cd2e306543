<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="74"/>
        <source>Qt:</source>
        <translation>Qt：</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="74"/>
        <source>SQLite:</source>
        <translation>SQLite：</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="74"/>
        <source>LibTorch:</source>
        <translation>LibTorch：</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="75"/>
        <source>Worker:</source>
        <translation>工作程序：</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="75"/>
        <source>Translations:</source>
        <translation>翻译：</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="76"/>
        <source>Licence:</source>
        <translation>许可证：</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="76"/>
        <source>Home page:</source>
        <translation>主页：</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="87"/>
        <source>&amp;Copy versions</source>
        <translation>复制版本信息(&amp;C)</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="151"/>
        <location filename="../widgets/common/aboutdialog.cpp" line="155"/>
        <source>built into the application</source>
        <translation>内置于应用程序</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="160"/>
        <source>About SFT Workbench</source>
        <translation>关于 SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="162"/>
        <source>SFT Workbench</source>
        <translation>SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="163"/>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="164"/>
        <source>A desktop workbench for supervised fine-tuning of large language models: curate instruction data, check its quality, design prompts, and fine-tune with LoRA, adapters or prefixes, locally with LibTorch.</source>
        <translation>用于大语言模型监督微调的桌面工作台：整理指令数据、检查数据质量、设计提示，并在本地用 LibTorch 以 LoRA、适配器或前缀进行微调。</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="167"/>
        <source>%1 (built with %2)</source>
        <translation>%1（构建时为 %2）</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="168"/>
        <source>unknown: the Qt SQLite driver (QSQLITE) is missing</source>
        <translation>未知：缺少 Qt 的 SQLite 驱动（QSQLITE）</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="173"/>
        <source>checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="174"/>
        <source>unknown: the worker was not found</source>
        <translation>未知：找不到工作程序</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="175"/>
        <source>unknown: the worker cannot be started (%1)</source>
        <translation>未知：无法启动工作程序（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="176"/>
        <source>unknown: the worker did not answer within %1 s</source>
        <translation>未知：工作程序在 %1 秒内没有应答</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="177"/>
        <source>unknown: the worker crashed</source>
        <translation>未知：工作程序崩溃</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="178"/>
        <source>unknown: the worker failed (exit code %1)</source>
        <translation>未知：工作程序失败（退出码 %1）</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="179"/>
        <source>unknown: the worker did not name its LibTorch version</source>
        <translation>未知：工作程序没有给出其 LibTorch 版本</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="183"/>
        <source>&lt;a href=&quot;%1&quot;&gt;GNU General Public License v3.0 or later&lt;/a&gt; (%2)</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;GNU 通用公共许可证第 3 版或更高版本&lt;/a&gt;（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/common/aboutdialog.cpp" line="186"/>
        <source>Copy the versions above as text, for a bug report</source>
        <translation>将上面的版本信息复制为文本，用于报告问题</translation>
    </message>
</context>
<context>
    <name>AccuracyPlot</name>
    <message>
        <location filename="../widgets/icl/accuracyplot.cpp" line="86"/>
        <source>Demonstrations (k)</source>
        <translation>示例数 (k)</translation>
    </message>
    <message>
        <location filename="../widgets/icl/accuracyplot.cpp" line="87"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../widgets/icl/accuracyplot.cpp" line="88"/>
        <source>mean over orders</source>
        <translation>各顺序的平均值</translation>
    </message>
    <message>
        <location filename="../widgets/icl/accuracyplot.cpp" line="89"/>
        <source>min–max over orders</source>
        <translation>各顺序的最小–最大值</translation>
    </message>
    <message>
        <location filename="../widgets/icl/accuracyplot.cpp" line="90"/>
        <source>each run</source>
        <translation>每次运行</translation>
    </message>
</context>
<context>
    <name>AlibiView</name>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="224"/>
        <source>Head %1 of %2, slope m = %3: the score of query i and key j ≤ i gets m·(j − i), 0 on the diagonal and %4 for the most distant key at length %5. Grey cells are the future (j &gt; i), masked by the causal mask. There are no position embeddings: this bias is all the model knows about distance, and it is defined for any length.</source>
        <translation>第 %1 个头（共 %2 个），斜率 m = %3：查询 i 与键 j ≤ i 的得分加上 m·(j − i)，对角线上为 0，长度为 %5 时最远的键为 %4。灰色单元格是未来位置（j &gt; i），由因果掩码遮蔽。模型没有位置嵌入：这个偏置就是模型对距离的全部认识，而且它对任意长度都有定义。</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="241"/>
        <source>The context-window chapter (Press et al.&apos;s ALiBi) writes the slopes of n heads as the geometric sequence {1/a, 1/a², …, 1/256} with aⁿ = 256, i.e. a = 2^(8/n) and m_h = 2^(−8h/n): the first head looks at the nearest tokens, the last one far back.</source>
        <translation>上下文窗口一章（Press 等人的 ALiBi）把 n 个头的斜率写成等比数列 {1/a, 1/a², …, 1/256}，其中 aⁿ = 256，即 a = 2^(8/n)，m_h = 2^(−8h/n)：第一个头关注最近的词元，最后一个头则看得最远。</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="245"/>
        <source>For n = %1, a = %2.</source>
        <translation>n = %1 时，a = %2。</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="248"/>
        <source>n = %1 is not a power of two: BLOOM (and the paper&apos;s code) takes the %2 slopes of p = %2 heads (a = %3), then every other slope of the %4-head sequence, the odd powers of 2^(−4/%2), the first %5 of them (marked).</source>
        <translation>n = %1 不是 2 的幂：BLOOM（以及论文的代码）先取 p = %2 个头的 %2 个斜率（a = %3），再从 %4 个头的序列中隔一个取一个斜率，即 2^(−4/%2) 的奇数次幂，取其中前 %5 个（已标记）。</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="260"/>
        <source>ALiBi slopes</source>
        <translation>ALiBi 斜率</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="261"/>
        <source>Heads n:</source>
        <translation>头数 n：</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="262"/>
        <source>Any number of heads: the model&apos;s own is set when a model is chosen.</source>
        <translation>可设任意头数：选择模型后会设为该模型自身的头数。</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="263"/>
        <source>Head h</source>
        <translation>头 h</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="263"/>
        <source>Slope m</source>
        <translation>斜率 m</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="263"/>
        <source>As a power of two</source>
        <translation>2 的幂形式</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="263"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="266"/>
        <source>extra (BLOOM)</source>
        <translation>额外（BLOOM）</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="266"/>
        <source>geometric</source>
        <translation>等比</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="268"/>
        <source>Bias added to the attention scores</source>
        <translation>加到注意力分数上的偏置</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="269"/>
        <source>Head:</source>
        <translation>头：</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="270"/>
        <source>Length:</source>
        <translation>长度：</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="271"/>
        <source>key position j</source>
        <translation>键位置 j</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="272"/>
        <source>query position i</source>
        <translation>查询位置 i</translation>
    </message>
    <message>
        <location filename="../widgets/context/alibiview.cpp" line="273"/>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="73"/>
        <source>Downloaded as %1; convert it, then import it as %2</source>
        <translation>下载得到的是 %1；请先转换，再按 %2 导入</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="98"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="99"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="100"/>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="101"/>
        <source>Turns</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="102"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="103"/>
        <source>Made by</source>
        <translation>构建方式</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="104"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="112"/>
        <source>Written by people</source>
        <translation>人工编写</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="113"/>
        <source>Self-Instruct generation</source>
        <translation>Self-Instruct 生成</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="114"/>
        <source>Distilled from a chat model</source>
        <translation>从对话模型蒸馏</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="115"/>
        <source>Converted NLP tasks</source>
        <translation>由 NLP 任务转换</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="116"/>
        <source>Mixed</source>
        <translation>混合</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="124"/>
        <source>Single-turn</source>
        <translation>单轮</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="126"/>
        <source>Multi-turn (%1 on average)</source>
        <translation>多轮（平均 %1 轮）</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="127"/>
        <source>Multi-turn (average not stated)</source>
        <translation>多轮（未注明平均轮数）</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="133"/>
        <source>Alpaca JSON</source>
        <translation>Alpaca JSON</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="134"/>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="135"/>
        <source>ShareGPT</source>
        <translation>ShareGPT</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="136"/>
        <source>OpenAI messages</source>
        <translation>OpenAI 消息</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="137"/>
        <source>OpenAssistant trees</source>
        <translation>OpenAssistant 消息树</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="138"/>
        <source>UltraChat</source>
        <translation>UltraChat</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="139"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="140"/>
        <source>Self-Instruct seed tasks</source>
        <translation>Self-Instruct 种子任务</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="141"/>
        <source>Parquet</source>
        <translation>Parquet</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="151"/>
        <source>Not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="157"/>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="160"/>
        <source>%1 examples</source>
        <translation>%1 个样例</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="161"/>
        <source>%1 conversations</source>
        <translation>%1 段对话</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="162"/>
        <source>%1 messages</source>
        <translation>%1 条消息</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="163"/>
        <source>%1 tasks</source>
        <translation>%1 个任务</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="186"/>
        <source>%n language(s)</source>
        <translation>
            <numerusform>%n 种语言</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogueView</name>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="51"/>
        <source>The dataset catalogue is missing from this build (%1).</source>
        <translation>此构建中缺少数据集目录（%1）。</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="159"/>
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="162"/>
        <source>All licences</source>
        <translation>全部许可证</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="165"/>
        <source>All methods</source>
        <translation>全部构建方式</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="170"/>
        <source>Single- and multi-turn</source>
        <translation>单轮和多轮</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="171"/>
        <source>Single-turn</source>
        <translation>单轮</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="172"/>
        <source>Multi-turn</source>
        <translation>多轮</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="188"/>
        <source>%1 of %2 datasets</source>
        <translation>显示 %1 / %2 个数据集</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="238"/>
        <source>Import a file you downloaded from the address shown, with this dataset&apos;s format and field mapping, into a new dataset</source>
        <translation>按此数据集的格式和字段映射，将你从所示地址下载的文件导入为新数据集</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="240"/>
        <source>Open or create a workspace first (File menu): the records are imported into it</source>
        <translation>请先打开或创建工作区（“文件”菜单）：记录会导入到其中</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="253"/>
        <source>Choose a dataset to see where to get it and how it imports.</source>
        <translation>选择一个数据集，查看从哪里获取它以及如何导入。</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="264"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="265"/>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="266"/>
        <source>Turns</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="267"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="268"/>
        <source>Made by</source>
        <translation>构建方式</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="269"/>
        <source>Download</source>
        <translation>下载地址</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="270"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="271"/>
        <source>Downloaded as</source>
        <translation>下载格式</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="274"/>
        <source>(convert the download first, see the note)</source>
        <translation>（请先转换下载的文件，见备注）</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="275"/>
        <source>Imports as</source>
        <translation>导入格式</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="276"/>
        <source>Field mapping</source>
        <translation>字段映射</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="276"/>
        <source>the format&apos;s own field names</source>
        <translation>该格式自身的字段名</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="278"/>
        <source>Source of imported records</source>
        <translation>导入记录的来源</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="280"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="284"/>
        <source>Checked against</source>
        <translation>核对依据</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="306"/>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="333"/>
        <source>Choose a dataset first.</source>
        <translation>请先选择数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="310"/>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="337"/>
        <source>Open or create a workspace first (File menu): the records are imported into it.</source>
        <translation>请先打开或创建工作区（“文件”菜单）：记录会导入到其中。</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="315"/>
        <source>Import a downloaded copy of %1</source>
        <translation>导入 %1 的已下载副本</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="318"/>
        <source>Datasets (*.json *.jsonl *.csv)</source>
        <translation>数据集 (*.json *.jsonl *.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="318"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="342"/>
        <source>%1 is a Parquet file, which cannot be imported: convert it to JSONL first (see the note).</source>
        <translation>%1 是 Parquet 文件，无法导入：请先将其转换为 JSONL（见备注）。</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="347"/>
        <source>%1 is compressed: decompress it first, then import the file inside.</source>
        <translation>%1 是压缩文件：请先解压，再导入其中的文件。</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="351"/>
        <source>%1 as %2: check the preview, then import.</source>
        <translation>%1（作为 %2）：请检查预览，然后导入。</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="359"/>
        <source>Catalogue of open instruction datasets</source>
        <translation>开放指令数据集目录</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="360"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="361"/>
        <source>Li&amp;cence:</source>
        <translation>许可证(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="362"/>
        <source>&amp;Made by:</source>
        <translation>构建方式(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="363"/>
        <source>&amp;Turns:</source>
        <translation>轮数(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../widgets/catalogue/catalogueview.cpp" line="364"/>
        <source>&amp;Import a downloaded copy…</source>
        <translation>导入已下载的副本(&amp;I)…</translation>
    </message>
</context>
<context>
    <name>ConfigDiffView</name>
    <message>
        <location filename="../widgets/training/configdiffview.cpp" line="141"/>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/configdiffview.cpp" line="154"/>
        <source>Not set in this run</source>
        <translation>此运行未设置</translation>
    </message>
    <message>
        <location filename="../widgets/training/configdiffview.cpp" line="178"/>
        <source>Show all settings</source>
        <translation>显示全部设置</translation>
    </message>
    <message>
        <location filename="../widgets/training/configdiffview.cpp" line="179"/>
        <source>List every setting of the compared runs, not only those that differ</source>
        <translation>列出所比较运行的全部设置，而不只是不同的设置</translation>
    </message>
    <message>
        <location filename="../widgets/training/configdiffview.cpp" line="180"/>
        <source>These runs use the same settings.</source>
        <translation>这些运行使用相同的设置。</translation>
    </message>
</context>
<context>
    <name>ConfusionHeatmap</name>
    <message>
        <location filename="../widgets/prompt/confusionheatmap.cpp" line="83"/>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/confusionheatmap.cpp" line="84"/>
        <source>Gold</source>
        <translation>标准答案</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <location filename="../widgets/generate/connectiontest.cpp" line="39"/>
        <source>Not a URL: %1</source>
        <translation>不是有效的 URL：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/connectiontest.cpp" line="79"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/generate/connectiontest.cpp" line="85"/>
        <source>%1 answered, but not with a list of models.</source>
        <translation>%1 有响应，但返回的不是模型列表。</translation>
    </message>
</context>
<context>
    <name>ContextPanel</name>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="192"/>
        <source>Writing the BLOOM-style (ALiBi) demo model into %1 (briefly pre-trained, a few seconds)…</source>
        <translation>正在将 BLOOM 风格（ALiBi）的演示模型写入 %1（短暂预训练，需几秒钟）…</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="195"/>
        <source>Could not write the ALiBi demo model: %1</source>
        <translation>无法写入 ALiBi 演示模型：%1</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="240"/>
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="243"/>
        <source>No config.json yet; meanwhile the pages show a typical model.</source>
        <translation>尚无 config.json；在此之前，各页面展示的是一个典型模型。</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="245"/>
        <source>%1 is not a model folder: it has no config.json.</source>
        <translation>%1 不是模型文件夹：其中没有 config.json。</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="247"/>
        <source>Cannot read the model&apos;s config.json: %1</source>
        <translation>无法读取模型的 config.json：%1</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="253"/>
        <source>%1 (model_type %2)</source>
        <translation>%1（model_type %2）</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="256"/>
        <source>%1 heads (%2 key/value), head dim %3</source>
        <translation>%1 个头（%2 个键/值头），头维度 %3</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="257"/>
        <source>%1 heads, head dim %2</source>
        <translation>%1 个头，头维度 %2</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="259"/>
        <source>%1 · position scheme: ALiBi · window (seq_length, the training length; ALiBi has no hard limit): %2</source>
        <translation>%1 · 位置编码方式：ALiBi · 窗口（seq_length，即训练长度；ALiBi 没有硬性上限）：%2</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="265"/>
        <source>ALiBi slopes 2^(−8h/n)</source>
        <translation>ALiBi 斜率 2^(−8h/n)</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="267"/>
        <source>ALiBi slopes 2^(−8h/%1) for the first %1 heads, plus BLOOM&apos;s %2 extra slopes (%3 heads is not a power of two)</source>
        <translation>前 %1 个头的 ALiBi 斜率为 2^(−8h/%1)，另加 BLOOM 的 %2 个额外斜率（%3 个头不是 2 的幂）</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="273"/>
        <source>%1 · %2; no position embeddings (rope_theta not used)</source>
        <translation>%1 · %2；无位置嵌入（不使用 rope_theta）</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="276"/>
        <source>%1 · position scheme: RoPE · window (max_position_embeddings): %2</source>
        <translation>%1 · 位置编码方式：RoPE · 窗口（max_position_embeddings）：%2</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="282"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="285"/>
        <source>linear, factor %1</source>
        <translation>线性，系数 %1</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="288"/>
        <source>dynamic NTK, factor %1</source>
        <translation>动态 NTK，系数 %1</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="291"/>
        <source>YaRN, factor %1, original window %2, β fast %3 / slow %4</source>
        <translation>YaRN，系数 %1，原始窗口 %2，β_fast %3 / β_slow %4</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="297"/>
        <source>llama3, factor %1, original window %2, low / high frequency factor %3 / %4</source>
        <translation>llama3，系数 %1，原始窗口 %2，低频 / 高频系数 %3 / %4</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="304"/>
        <source>rope_theta %1 · %2 · rope scaling: %3</source>
        <translation>rope_theta %1 · %2 · RoPE 缩放：%3</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="310"/>
        <source>This is the demo model: tiny and only briefly pre-trained, so its perplexity and passkey numbers mean little, but every step runs. When it is missing, the first experiment on it writes it.</source>
        <translation>这是演示模型：很小，只做过短暂的预训练，因此其困惑度和密钥检索的数值意义不大，但每个步骤都能运行。若它尚不存在，第一个在其上运行的实验会写入它。</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="313"/>
        <source>Demo model:</source>
        <translation>演示模型：</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="314"/>
        <source>LLaMA-style (RoPE)</source>
        <translation>LLaMA 风格（RoPE）</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="315"/>
        <source>The tiny LLaMA-style demo model with rotary positions; it is written by the first experiment that runs on it.</source>
        <translation>使用旋转位置编码的小型 LLaMA 风格演示模型；第一个在其上运行的实验会写入它。</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="317"/>
        <source>BLOOM-style (ALiBi)</source>
        <translation>BLOOM 风格（ALiBi）</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="318"/>
        <source>A tiny BLOOM-style model with ALiBi, written next to the demo model on first use (sftbench-cli init-model --position alibi), then chosen: its real slopes, and experiments without RoPE scaling.</source>
        <translation>使用 ALiBi 的小型 BLOOM 风格模型，首次使用时写在演示模型旁边（sftbench-cli init-model --position alibi），随后自动选中：可查看其真实斜率，并运行不含 RoPE 缩放的实验。</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="321"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="322"/>
        <source>ALiBi</source>
        <translation>ALiBi</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="323"/>
        <source>RoPE</source>
        <translation>RoPE</translation>
    </message>
    <message>
        <location filename="../widgets/context/contextpanel.cpp" line="324"/>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="183"/>
        <source>Messages %1 and %2 are both the user&apos;s: many chat templates need user and assistant messages to take turns.</source>
        <translation>消息 %1 和 %2 都是用户的：许多对话模板要求用户消息和助手消息交替出现。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="187"/>
        <source>Messages %1 and %2 are both the assistant&apos;s: many chat templates need user and assistant messages to take turns.</source>
        <translation>消息 %1 和 %2 都是助手的：许多对话模板要求用户消息和助手消息交替出现。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="193"/>
        <source>The conversation ends with a user message: training learns only from assistant messages.</source>
        <translation>对话以用户消息结尾：训练只从助手消息中学习。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="216"/>
        <source>S&amp;ystem message</source>
        <translation>系统消息(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="217"/>
        <source>Optional: how the assistant should behave in this conversation</source>
        <translation>可选：助手在此对话中应如何表现</translation>
    </message>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="218"/>
        <source>The system message comes before the first user message; leave it empty for none</source>
        <translation>系统消息位于第一条用户消息之前；留空表示没有系统消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="219"/>
        <source>Add &amp;user message</source>
        <translation>添加用户消息(&amp;U)</translation>
    </message>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="220"/>
        <source>Add a user message at the end of the conversation</source>
        <translation>在对话末尾添加一条用户消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="221"/>
        <source>Add &amp;assistant message</source>
        <translation>添加助手消息(&amp;A)</translation>
    </message>
    <message>
        <location filename="../widgets/curation/conversationview.cpp" line="222"/>
        <source>Add an assistant message at the end of the conversation</source>
        <translation>在对话末尾添加一条助手消息</translation>
    </message>
</context>
<context>
    <name>CurationPanel</name>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="723"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="331"/>
        <location filename="../widgets/curation/curationpanel.cpp" line="707"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="333"/>
        <location filename="../widgets/curation/curationpanel.cpp" line="710"/>
        <source>Any rule</source>
        <translation>任意规则</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="407"/>
        <source>The filters hid the record; they were cleared to show it.</source>
        <translation>筛选条件隐藏了该记录，已清除筛选以显示它。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="484"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/curationpanel.cpp" line="291"/>
        <location filename="../widgets/curation/curationpanel.cpp" line="487"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="488"/>
        <source>Query took %1 ms</source>
        <translation>查询耗时 %1 毫秒</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="21"/>
        <source>low quality</source>
        <translation>质量低</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="22"/>
        <source>wrong or incomplete answer</source>
        <translation>答案错误或不完整</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="23"/>
        <source>near duplicate</source>
        <translation>近似重复</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="24"/>
        <source>unsafe or harmful</source>
        <translation>不安全或有害</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="25"/>
        <source>off-topic</source>
        <translation>偏离主题</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="26"/>
        <source>formatting problem</source>
        <translation>格式问题</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="541"/>
        <source>No record is selected: click a row first, or press Alt+Down to select the next one.</source>
        <translation>未选择记录：请先点击一行，或按 Alt+Down 选择下一条。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="575"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="576"/>
        <source>Reason for rejecting:</source>
        <translation>拒绝原因：</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="581"/>
        <source>Pick a reason or type your own; it is stored with the rejected records</source>
        <translation>选择一个原因或自行输入；它会与被拒绝的记录一起保存</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="638"/>
        <source>No pending records left in this view.</source>
        <translation>当前视图中没有待审记录了。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="685"/>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="686"/>
        <source>The dataset shown in the table</source>
        <translation>表格中显示的数据集</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="687"/>
        <source>Search all text…</source>
        <translation>搜索全部文本…</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="688"/>
        <source>Show only records that contain this text: in the instruction, input or output, the system message or any message of a conversation</source>
        <translation>只显示包含此文本的记录：文本可位于指令、输入或输出、系统消息或对话的任一消息中</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="694"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="695"/>
        <source>Pending</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="696"/>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="697"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="700"/>
        <source>Show only records with this status</source>
        <translation>只显示处于此状态的记录</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="701"/>
        <source>Any length</source>
        <translation>任意轮数</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="702"/>
        <source>Single-turn</source>
        <translation>单轮</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="703"/>
        <source>Multi-turn</source>
        <translation>多轮</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="704"/>
        <source>3+ turns</source>
        <translation>3 轮及以上</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="705"/>
        <source>Show only records with this many turns (a turn is a user message and its reply)</source>
        <translation>只显示具有此轮数的记录（一轮即一条用户消息及其回复）</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="708"/>
        <source>Show only records with this tag</source>
        <translation>只显示带有此标签的记录</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="711"/>
        <source>Show only records that this quality rule rejected</source>
        <translation>只显示被此质量规则拒绝的记录</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="712"/>
        <source>Flagged only</source>
        <translation>仅已标记</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="713"/>
        <source>Show only records flagged (Ctrl+M) to look at again</source>
        <translation>只显示已标记（Ctrl+M）、待再次查看的记录</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="714"/>
        <source>Accept &amp;&amp; next</source>
        <translation>接受并下一条</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="715"/>
        <source>Reject…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="716"/>
        <source>Back to pending</source>
        <translation>恢复为待审</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="717"/>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="718"/>
        <source>Previous</source>
        <translation>上一条</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="719"/>
        <source>Next</source>
        <translation>下一条</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="720"/>
        <source>Next pending</source>
        <translation>下一条待审</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="728"/>
        <source>Import a file or create a dataset to start.</source>
        <translation>导入文件或创建数据集即可开始。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="729"/>
        <source>&amp;Import a file…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../widgets/curation/curationpanel.cpp" line="730"/>
        <source>&amp;New empty dataset…</source>
        <translation>新建空数据集(&amp;N)…</translation>
    </message>
</context>
<context>
    <name>DatasetList</name>
    <message>
        <location filename="../widgets/curation/datasetlist.cpp" line="111"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../widgets/curation/datasetlist.cpp" line="117"/>
        <source>Rename dataset</source>
        <translation>重命名数据集</translation>
    </message>
    <message>
        <location filename="../widgets/curation/datasetlist.cpp" line="117"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/datasetlist.cpp" line="84"/>
        <source>%1: %n record(s) — %2 pending, %3 accepted, %4 rejected</source>
        <translation>
            <numerusform>%1：%n 条记录 — %2 条待审，%3 条已接受，%4 条已拒绝</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/curation/datasetlist.cpp" line="113"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/curation/datasetlist.cpp" line="135"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/curation/datasetlist.cpp" line="135"/>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../widgets/curation/datasetlist.cpp" line="135"/>
        <source>Pending</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../widgets/curation/datasetlist.cpp" line="136"/>
        <source>Records in the dataset</source>
        <translation>数据集中的记录数</translation>
    </message>
    <message>
        <location filename="../widgets/curation/datasetlist.cpp" line="137"/>
        <source>Records not yet accepted or rejected</source>
        <translation>尚未接受或拒绝的记录数</translation>
    </message>
</context>
<context>
    <name>DeleteDatasetCommand</name>
    <message>
        <location filename="../widgets/curation/deletedatasetcommand.cpp" line="17"/>
        <source>Delete dataset “%1”</source>
        <translation>删除数据集“%1”</translation>
    </message>
</context>
<context>
    <name>ExperimentCharts</name>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="271"/>
        <source>max_position_embeddings = %1</source>
        <extracomment>caption of the dashed line at the model&apos;s trained context</extracomment>
        <translation>max_position_embeddings = %1</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="298"/>
        <source>No results yet — press Run; each configuration is measured in turn.</source>
        <translation>尚无结果 — 请点击“运行”；各配置会依次测量。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="300"/>
        <source>No numbers for this chart yet.</source>
        <translation>此图表尚无数据。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="553"/>
        <source>%1%
%2/%3</source>
        <extracomment>a passkey cell: accuracy in percent, correct of trials</extracomment>
        <translation>%1%
%2/%3</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="592"/>
        <source>Perplexity by length</source>
        <translation>不同长度下的困惑度</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="593"/>
        <source>Loss by position</source>
        <translation>不同位置的损失</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="594"/>
        <source>Passkey by length</source>
        <translation>不同长度下的密钥检索</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="595"/>
        <source>Passkey heatmap</source>
        <translation>密钥检索热力图</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="598"/>
        <source>Window length (tokens)</source>
        <translation>窗口长度（词元）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="599"/>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="600"/>
        <source>Position in the window (tokens)</source>
        <translation>窗口内的位置（词元）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="601"/>
        <source>Mean loss (nats)</source>
        <translation>平均损失（nats）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="602"/>
        <location filename="../widgets/context/experimentcharts.cpp" line="604"/>
        <source>Prompt length (tokens)</source>
        <translation>提示长度（词元）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="603"/>
        <source>Key found (% of trials, all depths)</source>
        <translation>找到密钥（占试验的 %，所有深度）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="605"/>
        <source>Depth of the key (% of the filler)</source>
        <translation>密钥深度（占填充文本的 %）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="606"/>
        <source>Logarithmic perplexity axis</source>
        <translation>困惑度轴使用对数刻度</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="607"/>
        <source>Window length:</source>
        <translation>窗口长度：</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="608"/>
        <source>The loss by position of the windows of this length.</source>
        <translation>此长度的窗口中各位置的损失。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="609"/>
        <source>Smooth</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="610"/>
        <source>Draw a moving average over a few neighbouring positions (the exported CSV keeps the measured values).</source>
        <translation>绘制相邻若干位置的移动平均（导出的 CSV 保留实测值）。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="612"/>
        <source>Configuration:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="614"/>
        <source>Share of all trials at a prompt length whose answer contained the key, every depth together; one line per configuration.</source>
        <translation>在某一提示长度下，回答中包含密钥的试验占全部试验的比例（所有深度合计）；每个配置一条曲线。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="616"/>
        <source>Share of trials whose answer contained the key, by prompt length (columns) and where in the filler the key was (rows: 0% = at the start, 100% = at the end).</source>
        <translation>回答中包含密钥的试验比例，按提示长度（列）和密钥在填充文本中的位置（行：0% = 开头，100% = 末尾）划分。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentcharts.cpp" line="618"/>
        <source>Dashed line: the model&apos;s max_position_embeddings, the context it was trained with.</source>
        <translation>虚线：模型的 max_position_embeddings，即其训练时的上下文长度。</translation>
    </message>
</context>
<context>
    <name>ExperimentConfigModel</name>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="91"/>
        <source>linear (position interpolation)</source>
        <translation>线性（位置插值）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="93"/>
        <source>dynamic NTK</source>
        <translation>动态 NTK</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="95"/>
        <source>YaRN</source>
        <translation>YaRN</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="97"/>
        <source>llama3</source>
        <translation>llama3</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="105"/>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="113"/>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="116"/>
        <source>Base + %1 ×%2</source>
        <extracomment>%1: scaling name (linear, dynamic NTK, YaRN, llama3), %2: factor</extracomment>
        <translation>基础模型 + %1 ×%2</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="120"/>
        <source>Run %1 (RoPE ×%2)</source>
        <extracomment>%1: run name, %2: the rope_factor it trained with</extracomment>
        <translation>运行 %1（RoPE ×%2）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="121"/>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="130"/>
        <source>The model as its config.json describes it.</source>
        <translation>即 config.json 所描述的原始模型。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="133"/>
        <source>This model uses ALiBi: positions enter attention as a distance penalty, not as rotations, so there is no RoPE to scale. ALiBi extrapolates to longer inputs without it. Skipped.</source>
        <translation>此模型使用 ALiBi：位置以距离惩罚而非旋转的形式进入注意力，因此没有可缩放的 RoPE。ALiBi 无需缩放即可外推到更长的输入。已跳过。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="135"/>
        <source>The base model with its RoPE frequencies rescaled at inference time (%1, factor %2; --rope-scaling %3 --rope-factor %2, which replaces any rope_scaling of its config.json), without any training.</source>
        <translation>在推理时重新缩放 RoPE 频率的基础模型（%1，系数 %2；--rope-scaling %3 --rope-factor %2，会替换其 config.json 中的任何 rope_scaling），不做任何训练。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="140"/>
        <source>The fine-tuning run %1 (%2) on its base model %3 (--adapter).</source>
        <translation>微调运行 %1（%2），加载在其基础模型 %3 上（--adapter）。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="141"/>
        <source>(this model)</source>
        <translation>（此模型）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="144"/>
        <source>It trained with position interpolation ×%1, which it keeps here.</source>
        <translation>它训练时使用了 ×%1 的位置插值，此处保留该设置。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentconfig.cpp" line="185"/>
        <source>%1 (not for ALiBi models)</source>
        <translation>%1（不适用于 ALiBi 模型）</translation>
    </message>
</context>
<context>
    <name>ExperimentRun</name>
    <message>
        <location filename="../widgets/context/experimentrun.cpp" line="72"/>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentrun.cpp" line="93"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentrun.cpp" line="101"/>
        <source>the worker was stopped from outside the panel before it finished</source>
        <translation>工作进程在完成前被面板之外的操作停止了</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentrun.cpp" line="102"/>
        <source>the worker ended without reporting that it finished</source>
        <translation>工作进程已结束，但未报告完成</translation>
    </message>
</context>
<context>
    <name>ExperimentsView</name>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="58"/>
        <source>Press Run to measure every configuration listed, one after the other: perplexity first, then passkey retrieval.</source>
        <translation>点击“运行”依次测量列出的每个配置：先测困惑度，再测密钥检索。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="143"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="147"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="151"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="495"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="495"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="514"/>
        <source>No trained runs in this workspace — train one in the Training tab (set its RoPE factor to interpolate).</source>
        <translation>此工作区中没有已训练的运行 — 请在“训练”选项卡中训练一个（设置其 RoPE 插值系数即可做位置插值）。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="547"/>
        <source>Results for %1 (max_position_embeddings %2)</source>
        <translation>%1 的结果（max_position_embeddings %2）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="548"/>
        <source>Results for %1</source>
        <translation>%1 的结果</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="554"/>
        <source>Text for perplexity</source>
        <translation>用于计算困惑度的文本</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="555"/>
        <source>Text files (*.txt *.md);;All files (*)</source>
        <translation>文本文件 (*.txt *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="565"/>
        <location filename="../widgets/context/experimentsview.cpp" line="658"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="579"/>
        <location filename="../widgets/context/experimentsview.cpp" line="589"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="582"/>
        <location filename="../widgets/context/experimentsview.cpp" line="592"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="598"/>
        <source>Configurations to compare</source>
        <translation>要比较的配置</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="599"/>
        <source>Each configuration is measured in turn; hover one for the worker options it runs with.</source>
        <translation>各配置依次测量；将鼠标悬停在某个配置上可查看其运行时使用的工作进程选项。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="601"/>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="602"/>
        <source>RoPE scaling at inference</source>
        <translation>推理时 RoPE 缩放</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="603"/>
        <source>Fine-tuning run</source>
        <translation>微调运行</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="604"/>
        <source>What to add: the model as it is, the model with its RoPE frequencies rescaled without training, or a run of this workspace (its adapter on its base model).</source>
        <translation>要添加的内容：原样的模型、不经训练而重新缩放 RoPE 频率的模型，或此工作区的某个运行（其适配器加载在其基础模型上）。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="608"/>
        <source>linear divides every position by the factor; dynamic NTK raises the rotary base once the input is longer than the trained context; YaRN interpolates only the slow dimensions and sharpens attention; llama3 interpolates the slow dimensions. The choice replaces the rope_scaling of the model&apos;s config.json for this measurement.</source>
        <translation>线性：把每个位置除以该系数；动态 NTK：输入长于训练上下文时提高旋转基数；YaRN：只对低频维度插值，并使注意力更锐利；llama3：对低频维度插值。所选方式会在本次测量中替换模型 config.json 中的 rope_scaling。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="612"/>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="613"/>
        <source>Scaling factor: about the new context divided by the trained one.</source>
        <translation>缩放系数：约为新上下文长度除以训练时的上下文长度。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="614"/>
        <source>Runs of this workspace that have final weights or a checkpoint.</source>
        <translation>此工作区中已有最终权重或检查点的运行。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="616"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="617"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="618"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="619"/>
        <source>This model uses ALiBi: attention gets a penalty proportional to the distance, and there are no rotary positions to rescale, so RoPE scaling does not apply. Compare the base model (ALiBi is meant to extrapolate) with fine-tuning runs instead.</source>
        <translation>此模型使用 ALiBi：注意力会得到与距离成正比的惩罚，没有可重新缩放的旋转位置，因此 RoPE 缩放不适用。请改为比较基础模型（ALiBi 本就旨在外推）与各微调运行。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="623"/>
        <source>Measurements</source>
        <translation>测量项</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="624"/>
        <source>Perplexity by window length</source>
        <translation>不同窗口长度下的困惑度</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="625"/>
        <source>Cuts the text into windows of each length and reports perplexity and the mean loss at every position of the window.</source>
        <translation>将文本按各长度切分为窗口，报告困惑度以及窗口内每个位置的平均损失。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="627"/>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="628"/>
        <source>the demo texts (about 2,100 tokens)</source>
        <translation>演示文本（约 2100 个词元）</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="629"/>
        <source>A plain-text file at least as long as the longest window; empty: the demo dataset&apos;s texts, one after the other: about 2,100 tokens with the demo model&apos;s tokenizer, so windows up to 2048 fit (other tokenizers count differently).</source>
        <translation>纯文本文件，长度至少为最长窗口；留空则依次使用演示数据集的文本：用演示模型的分词器计约 2100 个词元，因此最长 2048 的窗口都放得下（其他分词器的计数不同）。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="632"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="633"/>
        <location filename="../widgets/context/experimentsview.cpp" line="647"/>
        <source>Lengths (tokens):</source>
        <translation>长度（词元）：</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="634"/>
        <source>Window lengths in tokens, separated by commas; lengths beyond the model&apos;s context are the point of the experiment.</source>
        <translation>以词元计的窗口长度，用逗号分隔；超出模型上下文的长度正是本实验要考察的。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="636"/>
        <source>Stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="637"/>
        <source>Overlapping windows moved by this many tokens, each scoring only the tokens not scored before (every token then has a long context). Off: windows side by side.</source>
        <translation>窗口相互重叠，每次移动这么多个词元，且每个窗口只计算之前未计算过的词元（这样每个词元都有较长的上下文）。关闭时：窗口首尾相接、互不重叠。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="640"/>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="641"/>
        <source>Windows per length:</source>
        <translation>每个长度的窗口数：</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="642"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="643"/>
        <source>Measure at most this many windows of each length (faster, noisier).</source>
        <translation>每个长度最多测量这么多个窗口（更快，但噪声更大）。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="644"/>
        <source>Passkey retrieval</source>
        <translation>密钥检索</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="645"/>
        <source>Hides a random key in filler text at several depths and asks the model for it (greedy); correct when the first number of the answer is the key.</source>
        <translation>把随机密钥藏在填充文本的不同深度处，再让模型说出它（贪心解码）；回答中的第一个数字等于该密钥即为正确。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="648"/>
        <source>Prompt lengths in tokens, separated by commas; a prompt needs about 115 tokens with the demo tokenizer.</source>
        <translation>以词元计的提示长度，用逗号分隔；使用演示分词器时，一个提示本身约需 115 个词元。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="650"/>
        <source>Depths (%):</source>
        <translation>深度（%）：</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="651"/>
        <source>Where the key goes, in percent of the filler, separated by commas: 0 = at the start, 100 = at the end.</source>
        <translation>密钥放置的位置，以占填充文本的百分比表示，用逗号分隔：0 = 开头，100 = 末尾。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="653"/>
        <source>Trials:</source>
        <translation>试验次数：</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="654"/>
        <source>Keys tried per length and depth.</source>
        <translation>每个长度和深度下尝试的密钥数。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="655"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="656"/>
        <source>The keys are drawn from this seed: the same seed gives the same prompts.</source>
        <translation>密钥由此种子随机生成：相同的种子得到相同的提示。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="659"/>
        <source>Save the chart shown as PNG or PDF, or every number of the comparison as CSV.</source>
        <translation>将当前显示的图表保存为 PNG 或 PDF，或将比较的全部数值保存为 CSV。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="660"/>
        <source>Chart as PNG…</source>
        <translation>图表另存为 PNG…</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="661"/>
        <source>Chart as PDF…</source>
        <translation>图表另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsview.cpp" line="662"/>
        <source>Numbers as CSV…</source>
        <translation>数值另存为 CSV…</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="105"/>
        <source>Lengths: give window lengths of at least 2 tokens, separated by commas.</source>
        <translation>长度：请输入至少 2 个词元的窗口长度，用逗号分隔。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="110"/>
        <source>Stride: %1 tokens is longer than the shortest window (%2 tokens); choose at most %2, or untick Stride.</source>
        <translation>步长：%1 个词元大于最短窗口（%2 个词元）；请选择不超过 %2 的值，或取消勾选“步长”。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="125"/>
        <source>This build has no demo texts: choose a text file.</source>
        <translation>此版本不含演示文本：请选择一个文本文件。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="129"/>
        <source>The text file %1 does not exist.</source>
        <translation>文本文件 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="139"/>
        <source>Passkey lengths: give prompt lengths of at least 16 tokens, separated by commas.</source>
        <translation>密钥检索长度：请输入至少 16 个词元的提示长度，用逗号分隔。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="143"/>
        <source>Depths: give percentages from 0 (start) to 100 (end), separated by commas.</source>
        <translation>深度：请输入 0（开头）到 100（末尾）之间的百分比，用逗号分隔。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="170"/>
        <source>Nothing to run: tick perplexity or passkey retrieval.</source>
        <translation>没有可运行的内容：请勾选困惑度或密钥检索。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="185"/>
        <source>Choose a model first.</source>
        <translation>请先选择模型。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="191"/>
        <source>None of the configurations applies to this model.</source>
        <translation>没有适用于此模型的配置。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="192"/>
        <source>Add a configuration to measure.</source>
        <translation>请添加要测量的配置。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="223"/>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="234"/>
        <source>loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="226"/>
        <source>length %1, window %2 of %3</source>
        <extracomment>perplexity progress: window length, windows done, windows of that length</extracomment>
        <translation>长度 %1，第 %2 / %3 个窗口</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/context/experimentsviewrun.cpp" line="228"/>
        <source>%n length(s) measured</source>
        <translation>
            <numerusform>已测量 %n 个长度</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="230"/>
        <source>Step %1 of %2 · perplexity · %3: %4</source>
        <extracomment>%1 step number, %2 steps, %3 configuration, %4 what is happening</extracomment>
        <translation>第 %1 / %2 步 · 困惑度 · %3：%4</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="236"/>
        <source>trial %1 of %2</source>
        <translation>第 %1 / %2 次试验</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="237"/>
        <source>Step %1 of %2 · passkey · %3: %4</source>
        <translation>第 %1 / %2 步 · 密钥检索 · %3：%4</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/context/experimentsviewrun.cpp" line="279"/>
        <source>Done: %n configuration(s) measured.</source>
        <translation>
            <numerusform>完成：已测量 %n 个配置。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="281"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="290"/>
        <source>Perplexity of “%1” failed: %2</source>
        <extracomment>%1 configuration, %2 the worker&apos;s error</extracomment>
        <translation>“%1”的困惑度测量失败：%2</translation>
    </message>
    <message>
        <location filename="../widgets/context/experimentsviewrun.cpp" line="291"/>
        <source>Passkey of “%1” failed: %2</source>
        <translation>“%1”的密钥检索失败：%2</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="33"/>
        <source>Export dataset &quot;%1&quot;</source>
        <translation>导出数据集“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="35"/>
        <source>Alpaca JSON</source>
        <translation>Alpaca JSON</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="36"/>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="37"/>
        <source>ShareGPT</source>
        <translation>ShareGPT</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="38"/>
        <source>OpenAI messages (JSON Lines)</source>
        <translation>OpenAI 消息（JSON Lines）</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="39"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="41"/>
        <source>Only accepted records</source>
        <translation>仅已接受的记录</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="48"/>
        <source>no split</source>
        <translation>不划分</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="53"/>
        <source>The file format written: Alpaca JSON, JSON Lines, ShareGPT conversations, OpenAI messages or CSV. Conversations are kept whole by all but CSV</source>
        <translation>写入的文件格式：Alpaca JSON、JSON Lines、ShareGPT 对话、OpenAI 消息或 CSV。除 CSV 外，所有格式都会完整保留对话</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="55"/>
        <source>Export only the records accepted in curation; unchecked, every record of the dataset</source>
        <translation>只导出在数据整理中已接受的记录；不勾选则导出数据集的全部记录</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="57"/>
        <source>Share of the records written to a separate validation file (0 = no split)</source>
        <translation>写入单独验证集文件的记录比例（0 = 不划分）</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="58"/>
        <source>Seed of the random train/validation split: the same seed gives the same split</source>
        <translation>训练集/验证集随机划分的种子：相同的种子得到相同的划分</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="61"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="69"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="71"/>
        <source>Validation share:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="72"/>
        <source>Split seed:</source>
        <translation>划分随机种子：</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="73"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="77"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="106"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/exportdialog.cpp" line="135"/>
        <source>CSV has no place for conversations, and %n of the records to export are conversations: choose ShareGPT, OpenAI messages or JSON Lines.</source>
        <translation>
            <numerusform>CSV 无法容纳对话，而要导出的记录中有 %n 条是对话：请选择 ShareGPT、OpenAI 消息或 JSON Lines。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="144"/>
        <source>Writes one file.</source>
        <translation>将写入一个文件。</translation>
    </message>
    <message>
        <location filename="../widgets/common/exportdialog.cpp" line="148"/>
        <source>Writes %1 and %2.</source>
        <translation>将写入 %1 和 %2。</translation>
    </message>
</context>
<context>
    <name>ExportGgufDialog</name>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="144"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="179"/>
        <source>Output file:</source>
        <translation>输出文件：</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="182"/>
        <source>Weight type:</source>
        <translation>权重类型：</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="185"/>
        <source>What to write:</source>
        <translation>写入内容：</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="207"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="214"/>
        <source>How to run it:</source>
        <translation>运行方法：</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="252"/>
        <source>Export GGUF</source>
        <translation>导出 GGUF</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="252"/>
        <source>Export GGUF: %1</source>
        <translation>导出 GGUF：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="254"/>
        <source>The GGUF file to write (it must end in .gguf; its folder must exist)</source>
        <translation>要写入的 GGUF 文件（文件名必须以 .gguf 结尾，所在文件夹必须已存在）</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="256"/>
        <source>Choose where to save the GGUF file</source>
        <translation>选择 GGUF 文件的保存位置</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="257"/>
        <source>How the weights are stored; norms and biases are always written as f32</source>
        <translation>权重的存储方式；归一化参数和偏置始终以 f32 写入</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="258"/>
        <source>Commands that run the exported file with llama.cpp and with Ollama</source>
        <translation>用 llama.cpp 和 Ollama 运行导出文件的命令</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="364"/>
        <source>about %1</source>
        <translation>约 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="370"/>
        <source>16-bit floats: the usual choice, half the size of f32 with no visible loss</source>
        <translation>16 位浮点数：常用选择，大小为 f32 的一半，没有明显损失</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="372"/>
        <source>32-bit floats: exactly the trained weights, twice the size of f16</source>
        <translation>32 位浮点数：与训练所得的权重完全一致，大小为 f16 的两倍</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="374"/>
        <source>bfloat16: the range of f32 in half the size, a little less precise than f16</source>
        <translation>bfloat16：以一半的大小保留 f32 的数值范围，精度略低于 f16</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="376"/>
        <source>8-bit blocks: about half of f16 and faster on a CPU, with a small loss of quality</source>
        <translation>8 位分块：大小约为 f16 的一半，在 CPU 上更快，质量略有损失</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="383"/>
        <source>16-bit floats, the usual choice</source>
        <translation>16 位浮点数，常用选择</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="385"/>
        <source>32-bit floats, exactly the trained weights</source>
        <translation>32 位浮点数，与训练所得的权重完全一致</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="387"/>
        <source>bfloat16, the range of f32 in half the size</source>
        <translation>bfloat16，以一半的大小保留 f32 的数值范围</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="389"/>
        <source>8-bit blocks, about half of f16</source>
        <translation>8 位分块，大小约为 f16 的一半</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="396"/>
        <source>Whole model: the LoRA folded into the base weights (runs on its own)</source>
        <translation>完整模型：把 LoRA 并入基础权重（可独立运行）</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="397"/>
        <source>Whole model: the fine-tuned weights as they are</source>
        <translation>完整模型：原样写入微调后的权重</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="398"/>
        <source>LoRA adapter only: for llama.cpp&apos;s --lora, with the base model&apos;s GGUF</source>
        <translation>仅 LoRA 适配器：配合基础模型的 GGUF，用于 llama.cpp 的 --lora</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="399"/>
        <source>A small file; llama.cpp applies it on top of the base model&apos;s GGUF</source>
        <translation>文件较小；llama.cpp 会把它应用在基础模型的 GGUF 之上</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="400"/>
        <source>Only a LoRA run has an adapter to write on its own</source>
        <translation>只有 LoRA 运行才有可单独写出的适配器</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="402"/>
        <source>Only a LoRA run has an adapter to write on its own.</source>
        <translation>只有 LoRA 运行才有可单独写出的适配器。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="404"/>
        <source>q8_0 is not offered for an adapter: it is small, and llama.cpp applies it in floating point.</source>
        <translation>适配器不提供 q8_0：它本身很小，而且 llama.cpp 以浮点方式应用它。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="416"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="417"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="462"/>
        <source>Output file: choose the GGUF file to write.</source>
        <translation>输出文件：请选择要写入的 GGUF 文件。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="464"/>
        <source>Output file: the name must end in .gguf.</source>
        <translation>输出文件：文件名必须以 .gguf 结尾。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="466"/>
        <source>Output file: the folder %1 does not exist.</source>
        <translation>输出文件：文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="468"/>
        <source>Output file: %1 is a folder.</source>
        <translation>输出文件：%1 是一个文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="470"/>
        <source>%1 exists; the export replaces it.</source>
        <translation>%1 已存在；导出会替换它。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="473"/>
        <source>No run to export.</source>
        <translation>没有可导出的运行。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="475"/>
        <source>The run&apos;s config.json names no base model (base_model): there is nothing to export it with.</source>
        <translation>该运行的 config.json 未指定基础模型（base_model）：没有可与之一起导出的模型。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="477"/>
        <source>This model cannot be written as GGUF: %1</source>
        <translation>此模型无法写为 GGUF：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="481"/>
        <source>A LoRA adapter is written as f16, f32 or bf16, not q8_0.</source>
        <translation>LoRA 适配器只能写为 f16、f32 或 bf16，不能写为 q8_0。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="484"/>
        <source>The base model&apos;s config.json cannot be read here, so there is no size estimate; the export says what is wrong if it cannot read the model either.</source>
        <translation>此处无法读取基础模型的 config.json，因此没有大小估计；如果导出时也无法读取该模型，会说明问题所在。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="486"/>
        <source>The run&apos;s config.json cannot be read here, so there is no size estimate for its adapter; the export says what is wrong if it cannot read it either.</source>
        <translation>此处无法读取该运行的 config.json，因此没有其适配器的大小估计；如果导出时也无法读取，会说明问题所在。</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="500"/>
        <source>Write the GGUF file with sftbench-cli export-gguf</source>
        <translation>用 sftbench-cli export-gguf 写入 GGUF 文件</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="509"/>
        <source># llama.cpp, chatting with the model&apos;s chat template (written into the GGUF file):</source>
        <translation># llama.cpp，使用模型的对话模板（已写入 GGUF 文件）进行对话：</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="514"/>
        <source># llama.cpp, chatting in the run&apos;s prompt format (%1, built into llama.cpp):</source>
        <translation># llama.cpp，使用该运行的提示格式（%1，llama.cpp 内置）进行对话：</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="523"/>
        <source>YOUR INSTRUCTION</source>
        <comment>placeholder in a llama.cpp prompt</comment>
        <translation>你的指令</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="525"/>
        <source>The beginning of a text to continue…</source>
        <translation>要续写的文本开头…</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="527"/>
        <source># llama.cpp, completing a prompt written in the run&apos;s prompt format (%1):</source>
        <translation># llama.cpp，补全按该运行的提示格式（%1）写成的提示：</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="543"/>
        <location filename="../widgets/training/exportggufdialog.cpp" line="555"/>
        <source># Ollama: a file named Modelfile in this folder that holds</source>
        <translation># Ollama：在此文件夹中创建名为 Modelfile 的文件，内容为</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="547"/>
        <source>BASE_MODEL</source>
        <comment>placeholder for the base model&apos;s folder</comment>
        <translation>基础模型</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="550"/>
        <source># The base model as GGUF, once:</source>
        <translation># 先将基础模型导出为 GGUF（只需一次）：</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="559"/>
        <source># then:</source>
        <translation># 然后：</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="566"/>
        <source>Save the GGUF file</source>
        <translation>保存 GGUF 文件</translation>
    </message>
    <message>
        <location filename="../widgets/training/exportggufdialog.cpp" line="567"/>
        <source>GGUF files (*.gguf)</source>
        <translation>GGUF 文件 (*.gguf)</translation>
    </message>
</context>
<context>
    <name>GenerateForm</name>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="97"/>
        <source>Start generation</source>
        <translation>开始生成</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="156"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="167"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="290"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="197"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="282"/>
        <source>Base URL:</source>
        <translation>基础 URL：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="198"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="283"/>
        <source>Model name:</source>
        <translation>模型名称：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="199"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="284"/>
        <source>API:</source>
        <translation>API：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="200"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="285"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="286"/>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="202"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="287"/>
        <source>Timeout (s):</source>
        <translation>超时（秒）：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="203"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="288"/>
        <source>Concurrent requests:</source>
        <translation>并发请求数：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="204"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="289"/>
        <source>Retries:</source>
        <translation>重试次数：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="213"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="281"/>
        <source>Backend:</source>
        <translation>后端：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="243"/>
        <location filename="../widgets/generate/generateform.cpp" line="450"/>
        <source>Seed tasks</source>
        <translation>种子任务</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="251"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="256"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="291"/>
        <source>Seeds:</source>
        <translation>种子来源：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="258"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="292"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="276"/>
        <source>Generation</source>
        <translation>生成设置</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="296"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="293"/>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="298"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="294"/>
        <source>Target (kept tasks):</source>
        <translation>目标（保留任务数）：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="299"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="295"/>
        <source>ROUGE-L threshold:</source>
        <translation>ROUGE-L 阈值：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="300"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="296"/>
        <source>Request budget:</source>
        <translation>请求预算：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="301"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="297"/>
        <source>Token budget:</source>
        <translation>词元预算：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="302"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="298"/>
        <source>Random seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="303"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="299"/>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="304"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="300"/>
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="305"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="301"/>
        <source>Max new tokens:</source>
        <translation>最多新词元：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="306"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="302"/>
        <source>Templates:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="307"/>
        <source>Into dataset:</source>
        <translation>写入数据集：</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="324"/>
        <location filename="../widgets/generate/generateformconfig.cpp" line="359"/>
        <source>Hugging Face model folder</source>
        <translation>Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="325"/>
        <source>The demo model is untrained: it shows how generation works, but few of its tasks survive the filters.</source>
        <translation>演示模型未经训练：它能展示生成的流程，但它生成的任务很少能通过过滤。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="327"/>
        <source>Local model folder</source>
        <translation>本地模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="328"/>
        <source>OpenAI-compatible endpoint</source>
        <translation>OpenAI 兼容端点</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="329"/>
        <source>The project&apos;s own engine on a model folder, or any server with the OpenAI API (vLLM, llama.cpp&apos;s server, Ollama, TGI, a hosted API, sftbench-cli serve)</source>
        <translation>本项目自带的引擎（使用模型文件夹），或任何提供 OpenAI API 的服务器（vLLM、llama.cpp 的服务器、Ollama、TGI、托管 API、sftbench-cli serve）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="331"/>
        <source>Where the local model runs</source>
        <translation>本地模型运行所用的设备</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="332"/>
        <source>Completions (/completions)</source>
        <translation>文本补全（/completions）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="333"/>
        <source>Chat completions (/chat/completions)</source>
        <translation>对话补全（/chat/completions）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="334"/>
        <source>Completions continue the prompt as written; chat sends it as one user message</source>
        <translation>文本补全按原样续写提示；对话补全则把提示作为一条用户消息发送</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="335"/>
        <source>Saved in this computer&apos;s settings</source>
        <translation>保存在本机设置中</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="336"/>
        <source>Environment variable</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="337"/>
        <source>The key is never written into the workspace, the run folder or a log: the worker reads it from its environment</source>
        <translation>密钥绝不会写入工作区、运行文件夹或日志：工作进程从其环境变量中读取</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="339"/>
        <source>Stored unencrypted in %1, readable by your user account only. On a shared machine prefer an environment variable.</source>
        <translation>以未加密形式保存在 %1 中，仅你的用户账户可读。在共用的计算机上建议使用环境变量。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="343"/>
        <source>empty for a server without a key</source>
        <translation>服务器无需密钥时留空</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="344"/>
        <source>The key is stored unencrypted in %1 (readable by your user account only). On a shared machine choose &quot;Environment variable&quot; instead.</source>
        <translation>密钥以未加密形式保存在 %1 中（仅你的用户账户可读）。在共用的计算机上请改选“环境变量”。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="347"/>
        <source>The name of the environment variable that holds the key</source>
        <translation>存放密钥的环境变量名</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="348"/>
        <source>Seconds to wait for one answer before retrying</source>
        <translation>等待单个响应的秒数，超时后重试</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="349"/>
        <source>Requests sent at the same time</source>
        <translation>同时发送的请求数</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="350"/>
        <source>Retries with exponential backoff after a 429, a 5xx or a timeout</source>
        <translation>遇到 429、5xx 或超时后按指数退避重试的次数</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="351"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="352"/>
        <source>Ask the endpoint for its models (GET {base URL}/models)</source>
        <translation>向端点查询其模型列表（GET {基础 URL}/models）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="353"/>
        <source>The model name the endpoint serves; Test connection lists them</source>
        <translation>端点提供的模型名称；“测试连接”会列出这些名称</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="354"/>
        <source>A file (JSON or JSONL)</source>
        <translation>文件（JSON 或 JSONL）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="355"/>
        <source>Seed tasks: Self-Instruct&apos;s seed_tasks.jsonl, BELLE&apos;s zh_seed_tasks.json, instruction records, or a dataset of this workspace</source>
        <translation>种子任务：Self-Instruct 的 seed_tasks.jsonl、BELLE 的 zh_seed_tasks.json、指令记录，或此工作区中的某个数据集</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="357"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="358"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="359"/>
        <source>The prompt set and the ROUGE-L tokenizer (characters for Chinese)</source>
        <translation>决定所用的提示集和 ROUGE-L 分词器（中文按字切分）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="360"/>
        <source>Self-Instruct (instructions, then instances)</source>
        <translation>Self-Instruct（先生成指令，再生成实例）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="361"/>
        <source>Alpaca (batches of complete tasks)</source>
        <translation>Alpaca（批量生成完整任务）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="362"/>
        <source>Self-Instruct asks for new instructions, classifies them and writes instances; Alpaca asks for 20 complete tasks per request</source>
        <translation>Self-Instruct 先请求新指令，判断它们是否为分类任务，再编写实例；Alpaca 每次请求生成 20 个完整任务</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="364"/>
        <source>Stop when this many new tasks were kept</source>
        <translation>保留的新任务达到此数量时停止</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="365"/>
        <source>A new instruction is kept only if its ROUGE-L with every instruction in the pool stays below this</source>
        <translation>只有新指令与任务池中每条指令的 ROUGE-L 都低于此值时才会保留</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="367"/>
        <source>Stop after this many requests (0: no limit)</source>
        <translation>发送这么多请求后停止（0：不限）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="368"/>
        <source>Stop after this many prompt and completion tokens (0: no limit)</source>
        <translation>提示和补全词元总数达到此值后停止（0：不限）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="369"/>
        <source>Seeds the sampling of prompts and of the model</source>
        <translation>提示抽样和模型采样所用的随机种子</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="370"/>
        <source>Sampling temperature</source>
        <translation>采样温度</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="371"/>
        <source>Nucleus sampling: the smallest set of tokens whose probability reaches p</source>
        <translation>核采样：从累计概率达到 p 的最小词元集合中采样</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="372"/>
        <source>Most tokens per answer</source>
        <translation>每个回答的最大词元数</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="373"/>
        <source>generated-&lt;run id&gt;</source>
        <translation>generated-&lt;运行编号&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="374"/>
        <source>seed_tasks.jsonl</source>
        <translation>seed_tasks.jsonl</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="375"/>
        <source>Kept tasks land in this dataset as pending records, one per instance</source>
        <translation>保留的任务以待审记录的形式写入此数据集，每个实例一条</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="376"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="377"/>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generateform.cpp" line="378"/>
        <source>%n edited</source>
        <translation>
            <numerusform>已编辑 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="379"/>
        <source>Load the selected run</source>
        <translation>载入所选运行</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generateform.cpp" line="405"/>
        <source>Dataset: %1 (%n record(s))</source>
        <translation>
            <numerusform>数据集：%1（%n 条记录）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="52"/>
        <source>The settings of the run %1, edited.</source>
        <translation>运行 %1 的设置（已修改）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="53"/>
        <source>The settings of the run %1.</source>
        <translation>运行 %1 的设置。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="55"/>
        <source>Your settings for a new run.</source>
        <translation>你为新运行填写的设置。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="60"/>
        <source>Fill the form with the settings of the run %1 (your changes to the form are replaced)</source>
        <translation>用运行 %1 的设置填充表单（会替换你在表单中所做的修改）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="225"/>
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="230"/>
        <source>Enter the endpoint&apos;s base URL (http://host:port/v1).</source>
        <translation>请输入端点的基础 URL（http://host:port/v1）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="232"/>
        <source>Enter the model name (Test connection lists the endpoint&apos;s models).</source>
        <translation>请输入模型名称（“测试连接”会列出端点的模型）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="234"/>
        <source>Name the environment variable that holds the key.</source>
        <translation>请填写存放密钥的环境变量名。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="238"/>
        <source>Choose a seed file or a dataset.</source>
        <translation>请选择种子文件或数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="240"/>
        <source>No such seed file: %1</source>
        <translation>种子文件不存在：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="252"/>
        <source>The worker does not accept the value of &quot;%1&quot;: change the marked field (the worker&apos;s message is in the tooltip).</source>
        <translation>工作进程不接受“%1”的值：请修改标出的字段（工作进程的消息见工具提示）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="255"/>
        <source>The worker does not accept the setting &quot;%1&quot; (the worker&apos;s message is in the tooltip).</source>
        <translation>工作进程不接受设置“%1”（工作进程的消息见工具提示）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateformconfig.cpp" line="258"/>
        <source>The worker does not accept this configuration (its message is in the tooltip).</source>
        <translation>工作进程不接受此配置（其消息见工具提示）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="451"/>
        <source>Seed tasks (*.jsonl *.json);;All files (*)</source>
        <translation>种子任务 (*.jsonl *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="464"/>
        <source>Asking %1/models…</source>
        <translation>正在查询 %1/models…</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="474"/>
        <source>Connection failed: %1</source>
        <translation>连接失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateform.cpp" line="478"/>
        <source>Connected; the endpoint lists no models.</source>
        <translation>已连接；端点未列出任何模型。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generateform.cpp" line="479"/>
        <source>Connected: %n model(s): %1</source>
        <translation>
            <numerusform>已连接：%n 个模型：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message>
        <location filename="../widgets/generate/generatepanel.cpp" line="90"/>
        <source>Fix the form first: %1</source>
        <translation>请先修正表单：%1</translation>
    </message>
</context>
<context>
    <name>GenerateRunList</name>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="155"/>
        <source>Generation runs</source>
        <translation>生成运行</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="156"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="157"/>
        <source>Ask the selected run&apos;s worker to finish its bookkeeping and stop</source>
        <translation>让所选运行的工作进程完成收尾记录后停止</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="158"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="159"/>
        <source>Start the worker again on the selected run: it continues from its files</source>
        <translation>为所选运行重新启动工作进程：它会根据已有文件接着运行</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="160"/>
        <source>Review in Curation</source>
        <translation>在数据整理中审阅</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="161"/>
        <source>Show the run&apos;s dataset in the Curation tab, pending records only</source>
        <translation>在“数据整理”标签页中显示该运行的数据集，仅显示待审记录</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="162"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="163"/>
        <source>Open the run folder (config, seeds, request log, candidates)</source>
        <translation>打开运行文件夹（配置、种子任务、请求日志、候选）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="164"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="164"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="164"/>
        <source>Kept / target</source>
        <translation>保留 / 目标</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="164"/>
        <source>Candidates</source>
        <translation>候选</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="164"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="165"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="371"/>
        <source>stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="373"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="374"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="375"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="376"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="377"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="412"/>
        <source>Generation %1: %2</source>
        <translation>生成 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="450"/>
        <source>No run selected. Fill in the form and press Start generation.</source>
        <translation>未选择运行。填写表单后点击“开始生成”。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="451"/>
        <source>Open a workspace to generate data.</source>
        <translation>请打开工作区以生成数据。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="459"/>
        <source>reached the target</source>
        <translation>已达到目标</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="461"/>
        <source>the request budget is used up</source>
        <translation>请求预算已用完</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="463"/>
        <source>the token budget is used up</source>
        <translation>词元预算已用完</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="465"/>
        <source>the model stopped producing new tasks</source>
        <translation>模型不再产生新任务</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="467"/>
        <source>Resume continues it.</source>
        <translation>“继续”可接着运行。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="470"/>
        <source>Resume tries again from where it stopped.</source>
        <translation>“继续”会从中断处重试。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="472"/>
        <source>the worker is not running; Resume continues the run.</source>
        <translation>工作进程未在运行；“继续”可接着运行。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="479"/>
        <source>kept tasks go to the dataset &quot;%1&quot;</source>
        <translation>保留的任务写入数据集“%1”</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generaterunlist.cpp" line="480"/>
        <source>%n task(s) landed there so far</source>
        <translation>
            <numerusform>目前已写入 %n 个任务</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunlist.cpp" line="482"/>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="30"/>
        <source>Open a workspace first: the kept tasks land in one of its datasets.</source>
        <translation>请先打开工作区：保留的任务会写入其中的某个数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="43"/>
        <source>Cannot create the demo model: %1</source>
        <translation>无法创建演示模型：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="56"/>
        <source>Cannot create the run folder: %1</source>
        <translation>无法创建运行文件夹：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="62"/>
        <location filename="../widgets/generate/generaterunstart.cpp" line="125"/>
        <source>Cannot start the generation: %1</source>
        <translation>无法开始生成：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="74"/>
        <source>no such seed file: %1</source>
        <translation>种子文件不存在：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="83"/>
        <source>Export the seed tasks</source>
        <translation>导出种子任务</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generaterunstart.cpp" line="93"/>
        <source>exported %n seed task(s)</source>
        <translation>
            <numerusform>已导出 %n 个种子任务</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="105"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="144"/>
        <location filename="../widgets/generate/generaterunstart.cpp" line="145"/>
        <source>Cannot start the worker: %1</source>
        <translation>无法启动工作进程：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="152"/>
        <source>Started %1.</source>
        <translation>已开始 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="152"/>
        <source>Resumed %1.</source>
        <translation>已继续 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generaterunstart.cpp" line="172"/>
        <source>Stopping %1…</source>
        <translation>正在停止 %1…</translation>
    </message>
</context>
<context>
    <name>GenerateView</name>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="181"/>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="182"/>
        <source>Tokens (prompt / completion)</source>
        <translation>词元（提示 / 补全）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="183"/>
        <source>Candidates</source>
        <translation>候选</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="184"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="186"/>
        <location filename="../widgets/generate/generateview.cpp" line="284"/>
        <source>Proposed tasks still waiting for their classification or instances</source>
        <translation>已提出、仍在等待分类判断或实例的任务</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="187"/>
        <location filename="../widgets/generate/generateview.cpp" line="201"/>
        <source>Kept</source>
        <translation>已保留</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="188"/>
        <location filename="../widgets/generate/generateview.cpp" line="202"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="189"/>
        <source>Classification (of kept)</source>
        <translation>分类任务（保留任务中）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="190"/>
        <source>Pool</source>
        <translation>任务池</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="191"/>
        <source>Highest ROUGE-L with the pool</source>
        <translation>与任务池的最高 ROUGE-L</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="192"/>
        <source>Each new instruction&apos;s highest ROUGE-L against the seeds and the tasks kept before it; the line is the threshold (drag it to try another)</source>
        <translation>每条新指令与种子任务及在它之前保留的任务之间的最高 ROUGE-L；竖线为阈值（拖动它可尝试其他值）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="195"/>
        <source>Most frequent leading verbs (kept)</source>
        <translation>最常见的起始动词（已保留）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="196"/>
        <location filename="../widgets/generate/generateview.cpp" line="255"/>
        <source>Instructions</source>
        <translation>指令数</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="197"/>
        <source>Rejected by rule</source>
        <translation>按规则拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="198"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="198"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="199"/>
        <source>Generated tasks</source>
        <translation>生成的任务</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="200"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="203"/>
        <source>Show all tasks, only kept ones or only rejected ones</source>
        <translation>显示全部任务、仅已保留的任务或仅已拒绝的任务</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="204"/>
        <source>Instances of the selected task</source>
        <translation>所选任务的实例</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="205"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="205"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="205"/>
        <source>Dropped because</source>
        <translation>丢弃原因</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="254"/>
        <source>ROUGE-L with the nearest instruction</source>
        <translation>与最相近指令的 ROUGE-L</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="274"/>
        <source>%1 failed, %2 retries</source>
        <translation>%1 次失败，%2 次重试</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generateview.cpp" line="277"/>
        <source>%n request(s) brought no new instruction</source>
        <translation>
            <numerusform>%n 次请求未带来新指令</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="278"/>
        <source>%1 (%2 failed)</source>
        <translation>%1（%2 次失败）</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generateview.cpp" line="290"/>
        <source>Counted while the run is running; %n proposed task(s) were still waiting when it ended.</source>
        <translation>
            <numerusform>仅在运行进行时计数；运行结束时仍有 %n 个已提出的任务在等待。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="292"/>
        <source>Counted while the run is running.</source>
        <translation>仅在运行进行时计数。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="295"/>
        <source>%1 (%2%)</source>
        <translation>%1（%2%）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="299"/>
        <source>%1 seed tasks and the kept ones</source>
        <translation>%1 个种子任务及已保留的任务</translation>
    </message>
    <message>
        <location filename="../widgets/generate/generateview.cpp" line="330"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>IclPanel</name>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="240"/>
        <location filename="../widgets/icl/iclpanel.cpp" line="476"/>
        <source>Reorder demonstrations</source>
        <translation>调整示例顺序</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="244"/>
        <source>Enable or disable a demonstration</source>
        <translation>启用或停用示例</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="259"/>
        <source>Edit demonstration %1</source>
        <translation>编辑示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="268"/>
        <source>Edit demo format</source>
        <translation>编辑示例格式</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="273"/>
        <source>Edit separator</source>
        <translation>编辑分隔符</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="278"/>
        <source>Edit instruction header</source>
        <translation>编辑指令开头</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="292"/>
        <source>Add demonstrations from the dataset</source>
        <translation>从数据集添加示例</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="302"/>
        <source>Remove demonstration %1</source>
        <translation>删除示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="334"/>
        <source>Export demonstrations</source>
        <translation>导出示例</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="334"/>
        <source>Import demonstrations</source>
        <translation>导入示例</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="334"/>
        <source>demonstration set name</source>
        <translation>示例集名称</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="338"/>
        <source>Demonstrations (drag to reorder, check to use)</source>
        <translation>示例（拖动调整顺序，勾选以使用）</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="339"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="340"/>
        <source>Add accepted records</source>
        <translation>添加已接受的记录</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="341"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="342"/>
        <source>Input:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="343"/>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="344"/>
        <source>Demo format:</source>
        <translation>示例格式：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="345"/>
        <source>Separator:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="346"/>
        <source>Written between demonstrations; type \n for a line break.</source>
        <translation>写在示例之间；输入 \n 表示换行。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="347"/>
        <source>Instruction header:</source>
        <translation>指令开头：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="348"/>
        <source>optional, e.g. Classify the sentiment of each input.</source>
        <translation>可选，例如：判断每条输入的情感。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="349"/>
        <source>Select demos:</source>
        <translation>示例选择：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="350"/>
        <source>manual (checked, in list order)</source>
        <translation>手动（已勾选的，按列表顺序）</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="351"/>
        <source>random, with seed</source>
        <translation>随机（指定种子）</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="352"/>
        <source>nearest by ROUGE-L</source>
        <translation>ROUGE-L 最近邻</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="353"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="354"/>
        <source>k:</source>
        <translation>k：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="355"/>
        <source>Test input:</source>
        <translation>测试输入：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="356"/>
        <source>Assembled prompt</source>
        <translation>拼接后的提示</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="357"/>
        <source>Run on the dataset</source>
        <translation>在数据集上运行</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="358"/>
        <source>k values:</source>
        <translation>k 值：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="359"/>
        <source>Orders per k:</source>
        <translation>每个 k 的顺序数：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="360"/>
        <source>Test records:</source>
        <translation>测试记录数：</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="361"/>
        <source>Contextual calibration</source>
        <translation>上下文校准</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="363"/>
        <source>This is the demo model: tiny and only briefly pre-trained, so its accuracy is meaningless, but every step runs. It is created on the first run.</source>
        <translation>这是演示模型：很小，只做过短暂的预训练，因此其准确率没有意义，但每个步骤都能运行。它在第一次运行时创建。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="365"/>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="365"/>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="365"/>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="365"/>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="365"/>
        <source>Std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="365"/>
        <source>Runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="367"/>
        <source>Saved demonstration sets of this workspace: choose one to load it (demonstrations, format, separator and header).</source>
        <translation>此工作区中已保存的示例集：选择一个即可加载（示例、格式、分隔符和指令开头）。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="369"/>
        <source>How a run picks the k demonstrations for each test record: the checked ones in list order, k at random (the same for every test record, from the seed), or the k nearest to the test record by ROUGE-L. The other orders shuffle them.</source>
        <translation>运行时如何为每条测试记录选出 k 个示例：按列表顺序取已勾选的示例；随机取 k 个（由种子决定，每条测试记录都相同）；或按 ROUGE-L 取与测试记录最相近的 k 个。其他顺序会将它们打乱。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="372"/>
        <source>Seed of the random demonstration choice and of the shuffled orders: the same seed gives the same demonstrations and orders.</source>
        <translation>随机选择示例和打乱顺序所用的种子：相同的种子得到相同的示例和顺序。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="374"/>
        <source>How many demonstrations the assembled prompt below shows (preview only; the run uses the k values).</source>
        <translation>下方拼接后的提示中显示几个示例（仅用于预览；运行时使用 k 值）。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="376"/>
        <source>How many demonstration orders each k &gt; 0 runs with (k = 0 runs once): the spread over orders shows how order-sensitive the model is. Runs in all: one per k = 0 plus this many per other k value.</source>
        <translation>每个 k &gt; 0 用多少种示例顺序运行（k = 0 只运行一次）：不同顺序之间的差距反映模型对顺序的敏感程度。总运行次数：k = 0 运行一次，其他每个 k 值各运行此数量次。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="379"/>
        <source>Test on at most this many records of the dataset (the first ones). Only those whose output is one of the labels count in the accuracy.</source>
        <translation>最多用数据集中的这么多条记录进行测试（从第一条开始）。只有输出属于标签之一的记录才计入准确率。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="381"/>
        <source>Contextual calibration: divide each label&apos;s probability by the probability the model gives it for content-free inputs (N/A, &quot;&quot;, [MASK]) with the same demonstrations, then renormalize.</source>
        <translation>上下文校准：将每个标签的概率除以模型在相同示例下对无内容输入（N/A、&quot;&quot;、[MASK]）给出的该标签概率，然后重新归一化。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="384"/>
        <source>%v / %m runs</source>
        <translation>%v / %m 次运行</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="364"/>
        <source>Each k runs with several demo orders: in-context learning is order-sensitive.</source>
        <translation>每个 k 都用多种示例顺序运行：上下文学习对顺序敏感。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="421"/>
        <source>type a test input</source>
        <translation>输入一条测试文本</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="447"/>
        <source>Add demonstration</source>
        <translation>添加示例</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="462"/>
        <source>Use demonstration %1</source>
        <translation>使用示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="462"/>
        <source>Leave out demonstration %1</source>
        <translation>不使用示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="608"/>
        <source>demonstration %1 has no output (fill it in or uncheck it).</source>
        <translation>示例 %1 没有输出（请填写输出或取消勾选）。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="622"/>
        <source>demonstration %1: %2</source>
        <translation>示例 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="669"/>
        <source>The demo format needs both [X] (the input) and [Z] (the output).</source>
        <translation>示例格式需要同时包含 [X]（输入）和 [Z]（输出）。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="671"/>
        <source>The demo format can only use [X] and [Z], not [%1].</source>
        <translation>示例格式只能使用 [X] 和 [Z]，不能使用 [%1]。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="673"/>
        <source>Syntax error: %1</source>
        <translation>语法错误：%1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="675"/>
        <source>Format OK.</source>
        <translation>格式正确。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="681"/>
        <source>Labels (the outputs of the checked demonstrations): %1</source>
        <translation>标签（已勾选示例的输出）：%1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="682"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="707"/>
        <source>A run cannot build this prompt: %1</source>
        <translation>运行无法构建此提示：%1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="711"/>
        <source>No demonstrations (k = 0): the test input alone.</source>
        <translation>没有示例（k = 0）：只有测试输入。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="713"/>
        <source>The run&apos;s demonstrations for k = %1 with seed %2, in its first order; they are the same for every test record, and the run&apos;s other orders shuffle them.</source>
        <translation>运行在 k = %1、种子为 %2 时使用的示例，按其第一种顺序排列；它们对每条测试记录都相同，运行的其他顺序会将它们打乱。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="719"/>
        <source>The demonstrations differ per test record: these are the %n nearest by ROUGE-L to the dataset&apos;s first record, the ones the run uses for it in its first order.</source>
        <translation>
            <numerusform>每条测试记录的示例各不相同：这里显示的是按 ROUGE-L 与数据集第一条记录最相近的 %n 个示例，即运行在第一种顺序中为该记录使用的示例。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="722"/>
        <source>The demonstrations differ per test record: these are the %n nearest by ROUGE-L to the typed test input, the ones a run would use for it in its first order.</source>
        <translation>
            <numerusform>每条测试记录的示例各不相同：这里显示的是按 ROUGE-L 与所输入测试文本最相近的 %n 个示例，即运行在第一种顺序中会为它使用的示例。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="726"/>
        <source>The first %n checked demonstration(s) in list order: the run&apos;s first order for every test record; its other orders shuffle them.</source>
        <translation>
            <numerusform>按列表顺序排列的前 %n 个已勾选示例：这是运行对每条测试记录使用的第一种顺序；其他顺序会将它们打乱。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="730"/>
        <source>Only %n demonstration(s) are checked, so a run with k = %1 fails.</source>
        <translation>
            <numerusform>只勾选了 %n 个示例，因此 k = %1 的运行会失败。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="750"/>
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="750"/>
        <source>≈ %n token(s) (estimate)</source>
        <translation>
            <numerusform>≈ %n 个词元（估计）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="752"/>
        <source> of a %1-token context window</source>
        <translation>，上下文窗口为 %1 个词元</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="335"/>
        <source>demonstrations %1</source>
        <translation>示例集 %1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="335"/>
        <source>Saved demonstration set &quot;%1&quot;.</source>
        <translation>已保存示例集“%1”。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="336"/>
        <source>Load demonstration set &quot;%1&quot;</source>
        <translation>加载示例集“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="336"/>
        <source>Exported the demonstrations to %1.</source>
        <translation>已将示例导出到 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="337"/>
        <source>Cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanel.cpp" line="337"/>
        <source>Import demonstration set &quot;%1&quot;</source>
        <translation>导入示例集“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="235"/>
        <source>k values must be a list of numbers such as 0,1,2,4.</source>
        <translation>k 值必须是数字列表，例如 0,1,2,4。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="237"/>
        <source>Check demonstrations with at least two different outputs (they are the labels).</source>
        <translation>请勾选至少有两种不同输出的示例（输出即标签）。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="239"/>
        <source>Choose a dataset to test on.</source>
        <translation>请选择用于测试的数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="241"/>
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="266"/>
        <source>cannot write the worker&apos;s input files</source>
        <translation>无法写入工作进程的输入文件</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="305"/>
        <source>In-context run finished: %n run(s).</source>
        <translation>
            <numerusform>上下文学习运行完成：共 %n 次运行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="307"/>
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="308"/>
        <source>In-context run failed: %1</source>
        <translation>上下文学习运行失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="315"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="315"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="331"/>
        <source>%n whose output is not one of the labels (%1)</source>
        <translation>
            <numerusform>%n 条的输出不是任何标签（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="335"/>
        <source>%n with an empty output</source>
        <translation>
            <numerusform>%n 条的输出为空</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="337"/>
        <source>%1 of %n test record(s) usable (a gold label among the labels): every accuracy is over these.</source>
        <translation>
            <numerusform>%n 条测试记录中有 %1 条可用（标准标签属于标签之一）：所有准确率都基于这些记录计算。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="341"/>
        <source>None of the %n test record(s) has a gold label among the labels, so there is no accuracy: the labels are the outputs of the checked demonstrations.</source>
        <translation>
            <numerusform>%n 条测试记录的标准标签都不属于标签，因此无法计算准确率：标签是已勾选示例的输出。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="344"/>
        <source>Not usable: %1.</source>
        <translation>不可用：%1。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="352"/>
        <source>Running: %1 of %n run(s) done.</source>
        <translation>
            <numerusform>运行中：共 %n 次运行，已完成 %1 次。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/icl/iclpanelrun.cpp" line="356"/>
        <source>Last: k = %1, order %2.</source>
        <translation>最近一次：k = %1，顺序 %2。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="370"/>
        <source>%n run(s); the widest spread over demo orders at one k is %1.</source>
        <translation>
            <numerusform>共 %n 次运行；同一 k 下不同示例顺序的最大差距为 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <location filename="../widgets/curation/importcommand.cpp" line="17"/>
        <source>Create dataset “%1”</source>
        <translation>创建数据集“%1”</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/importcommand.cpp" line="19"/>
        <source>Import %n record(s) as dataset “%1”</source>
        <translation>
            <numerusform>导入 %n 条记录为数据集“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/importcommand.cpp" line="22"/>
        <source>Import %n record(s)</source>
        <translation>
            <numerusform>导入 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/curation/importcommand.cpp" line="37"/>
        <source>“%1” was kept: records were added to it from outside this window (a Generate run or sftbench-cli) since it was created, and undoing its creation would delete them. To remove it, delete it from the Datasets list.</source>
        <translation>已保留“%1”：它创建之后，有记录从此窗口之外（“生成”运行或 sftbench-cli）添加到其中，撤销创建会删除这些记录。如需移除，请在数据集列表中删除它。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="351"/>
        <source>Alpaca JSON (an array of instruction, input, output)</source>
        <translation>Alpaca JSON（由 instruction、input、output 组成的数组）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="352"/>
        <source>ShareGPT (conversations of from / value messages)</source>
        <translation>ShareGPT（由 from / value 消息组成的对话）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="353"/>
        <source>OpenAI messages (JSON Lines of role / content messages)</source>
        <translation>OpenAI 消息（由 role / content 消息组成的 JSON Lines）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="354"/>
        <source>OpenAssistant message trees (oasst1 / oasst2 export)</source>
        <translation>OpenAssistant 消息树（oasst1 / oasst2 导出文件）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="355"/>
        <source>UltraChat (JSON Lines of user and assistant texts in turn)</source>
        <translation>UltraChat（用户与助手文本交替排列的 JSON Lines）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="356"/>
        <source>JSON Lines (one record per line)</source>
        <translation>JSON Lines（每行一条记录）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="357"/>
        <source>CSV (a header row naming instruction, input, output)</source>
        <translation>CSV（表头行列出 instruction、input、output）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="358"/>
        <source>Self-Instruct seed tasks (JSON Lines)</source>
        <translation>Self-Instruct 种子任务（JSON Lines）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="485"/>
        <source>Give the new dataset a name.</source>
        <translation>请为新数据集命名。</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="490"/>
        <source>A dataset named “%1” exists already: the new one will be named “%2”. To add the records to “%1” instead, choose “Add to the existing dataset”.</source>
        <translation>已存在名为“%1”的数据集：新数据集将命名为“%2”。若要改为将记录添加到“%1”中，请选择“添加到现有数据集”。</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="511"/>
        <source>Field &amp;mapping…</source>
        <translation>字段映射(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="512"/>
        <source>Which field of the file fills each part of a record, for files whose fields have other names (Dolly&apos;s context and response, FLAN&apos;s inputs and targets)</source>
        <translation>指定文件的哪个字段填入记录的各个部分，用于字段名称不同的文件（如 Dolly 的 context 和 response、FLAN 的 inputs 和 targets）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="514"/>
        <source>Instruction:</source>
        <translation>指令：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="514"/>
        <source>Input:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="514"/>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="515"/>
        <source>System message:</source>
        <translation>系统消息：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="515"/>
        <source>Message list:</source>
        <translation>消息列表：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="517"/>
        <source>The field holding the instruction (or the question)</source>
        <translation>存放指令（或问题）的字段</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="518"/>
        <source>The field holding the optional input (context) the instruction is about; may be absent</source>
        <translation>存放指令所针对的可选输入（上下文）的字段；可以没有</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="519"/>
        <source>The field holding the answer the model should learn to give</source>
        <translation>存放模型应学会给出的回答的字段</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="520"/>
        <source>The field holding a system message; may be absent</source>
        <translation>存放系统消息的字段；可以没有</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="521"/>
        <source>A field holding a list of role / content messages: each record is then a conversation</source>
        <translation>存放 role / content 消息列表的字段：此时每条记录都是一段对话</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="527"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="527"/>
        <source>“%1” (the usual name)</source>
        <translation>“%1”（常用名称）</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="530"/>
        <source>%1 ← %2</source>
        <translation>%1 ← %2</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="536"/>
        <source>the usual field names</source>
        <translation>常用字段名</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="538"/>
        <source>No fields found in the first records of the file.</source>
        <translation>在文件的前几条记录中没有找到字段。</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="539"/>
        <source>Fields in the first records of the file: %1</source>
        <translation>文件前几条记录中的字段：%1</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="540"/>
        <source>Guessed from the field names: check the preview below.</source>
        <translation>根据字段名推测得出：请检查下方的预览。</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="542"/>
        <source>&amp;Conversations:</source>
        <translation>对话(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="543"/>
        <source>Best-ranked path of each message tree</source>
        <translation>每棵消息树中排名最高的路径</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="544"/>
        <source>Every path that ends with an assistant reply</source>
        <translation>每条以助手回复结尾的路径</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="545"/>
        <source>An OpenAssistant tree holds several replies per message, ranked by people: keep only the best-ranked conversation of each tree, or every one of them</source>
        <translation>OpenAssistant 消息树中每条消息有多个经人工排名的回复：可以只保留每棵树中排名最高的对话，也可以保留全部对话</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="547"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="552"/>
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="556"/>
        <source>Only the trees in this language (a code such as en, zh, es, de); the codes listed are those of the file&apos;s first records</source>
        <translation>只导入此语言的消息树（语言代码，如 en、zh、es、de）；列出的代码来自文件的前几条记录</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="562"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="563"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="564"/>
        <source>Source of the records:</source>
        <translation>记录来源：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="565"/>
        <source>Stored as every imported record&apos;s source: the catalogue entry the file is a copy of</source>
        <translation>作为每条导入记录的来源保存：即该文件所对应的目录条目</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="566"/>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="569"/>
        <source>%1 — detected</source>
        <translation>%1 — 自动检测</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="571"/>
        <source>How the file is read. The detected format is chosen; pick another if the preview does not show your records.</source>
        <translation>文件的读取方式。默认选中检测到的格式；如果预览没有正确显示你的记录，请另选一种。</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="573"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="574"/>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="574"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="574"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="574"/>
        <source>System</source>
        <translation>系统消息</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="574"/>
        <source>Turns</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="577"/>
        <source>The field mapping does not fit this file: %1</source>
        <translation>字段映射与此文件不符：%1</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="579"/>
        <source>This file cannot be read as this format: %1. If its fields have other names, choose them under Field mapping.</source>
        <translation>无法按此格式读取该文件：%1。如果其字段名称不同，请在“字段映射”中选择。</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="583"/>
        <source>This file cannot be read as this format: %1</source>
        <translation>无法按此格式读取该文件：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/importdialog.cpp" line="585"/>
        <source>The file holds %n record(s).</source>
        <translation>
            <numerusform>该文件包含 %n 条记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/importdialog.cpp" line="587"/>
        <source>The first %n record(s) of the file, as they will be imported.</source>
        <translation>
            <numerusform>文件的前 %n 条记录，与导入后的内容一致。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="590"/>
        <source>Import into</source>
        <translation>导入到</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="591"/>
        <source>&amp;New dataset named</source>
        <translation>新建数据集，名称为(&amp;N)</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="592"/>
        <source>Create a dataset for these records</source>
        <translation>为这些记录新建一个数据集</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="593"/>
        <source>The new dataset&apos;s name; the file&apos;s name unless you change it</source>
        <translation>新数据集的名称；默认为文件名，可修改</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="594"/>
        <source>&amp;Add to the existing dataset</source>
        <translation>添加到现有数据集(&amp;A)</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="595"/>
        <source>The workspace has no dataset yet</source>
        <translation>工作区中还没有数据集</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="596"/>
        <source>Append these records to a dataset you already have</source>
        <translation>将这些记录追加到已有的数据集</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="597"/>
        <source>The dataset the records are added to</source>
        <translation>记录要添加到的数据集</translation>
    </message>
    <message>
        <location filename="../widgets/common/importdialog.cpp" line="598"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
</context>
<context>
    <name>LaunchScriptDialog</name>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="38"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="42"/>
        <source>cannot set the permissions of %1</source>
        <translation>无法设置 %1 的权限</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="101"/>
        <source>Machines</source>
        <translation>机器</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="103"/>
        <source>Nodes:</source>
        <translation>节点数：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="104"/>
        <source>Processes per node:</source>
        <translation>每节点进程数：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="105"/>
        <source>GPUs per node:</source>
        <translation>每节点 GPU 数：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="106"/>
        <source>Master address:</source>
        <translation>主节点地址：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="107"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="108"/>
        <source>Collective timeout:</source>
        <translation>集合通信超时：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="110"/>
        <source>On the cluster</source>
        <translation>在集群上</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="112"/>
        <source>Worker:</source>
        <translation>工作程序：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="113"/>
        <source>Run folder:</source>
        <translation>运行文件夹：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="114"/>
        <source>Model folder:</source>
        <translation>模型文件夹：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="116"/>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="196"/>
        <source>Slurm</source>
        <translation>Slurm</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="118"/>
        <source>Job name:</source>
        <translation>作业名称：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="119"/>
        <source>Partition:</source>
        <translation>分区：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="120"/>
        <source>Time limit:</source>
        <translation>时间限制：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="121"/>
        <source>CPUs per process:</source>
        <translation>每进程 CPU 数：</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="171"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="173"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="193"/>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="403"/>
        <source>Export launch script</source>
        <translation>导出启动脚本</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="195"/>
        <source>torchrun</source>
        <translation>torchrun</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="197"/>
        <source>Machines in the run</source>
        <translation>参与此运行的机器数</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="198"/>
        <source>Worker processes on every machine: one per GPU on CUDA; on the CPU each should get cores of its own</source>
        <translation>每台机器上的工作进程数：使用 CUDA 时每个 GPU 一个进程；使用 CPU 时每个进程应有自己独占的核心</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="200"/>
        <source>GPUs Slurm gives every machine (0: none asked for, a CPU run)</source>
        <translation>Slurm 为每台机器分配的 GPU 数（0：不申请 GPU，即在 CPU 上运行）</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="201"/>
        <source>The host name of the first machine, where the processes meet (the Slurm script takes the job&apos;s first node instead)</source>
        <translation>第一台机器的主机名，各进程在此会合（Slurm 脚本则改用作业的第一个节点）</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="203"/>
        <source>A free TCP port on the first machine for the rendezvous</source>
        <translation>第一台机器上一个空闲的 TCP 端口，用于各进程会合（rendezvous）</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="204"/>
        <source>How long a process waits for the others in a collective before the run fails (and resumes from its last checkpoint when started again)</source>
        <translation>在集合通信中，一个进程等待其他进程多久后判定运行失败（再次启动时会从其最后一个检查点继续）</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="206"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="207"/>
        <source>Absolute path of sftbench-cli on the cluster&apos;s machines (the same on every one)</source>
        <translation>sftbench-cli 在集群各机器上的绝对路径（每台机器上都相同）</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="208"/>
        <source>Absolute path of this run&apos;s folder on storage every machine mounts at that path; copy the folder there first</source>
        <translation>此运行的文件夹在共享存储上的绝对路径，每台机器都须将该存储挂载在同一路径下；请先把文件夹复制过去</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="210"/>
        <source>Absolute path of the base model&apos;s folder on the cluster (the worker&apos;s --base-model; config.json keeps this machine&apos;s path); copy the model there first</source>
        <translation>基础模型文件夹在集群上的绝对路径（即工作进程的 --base-model；config.json 中保留的是本机的路径）；请先把模型复制过去</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="212"/>
        <source>Slurm job name (squeue shows it)</source>
        <translation>Slurm 作业名称（squeue 中会显示）</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="213"/>
        <source>Slurm partition; empty: the cluster&apos;s default</source>
        <translation>Slurm 分区；留空：使用集群的默认分区</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="214"/>
        <source>Slurm time limit, e.g. 24:00:00 or 2-00:00:00</source>
        <translation>Slurm 时间限制，例如 24:00:00 或 2-00:00:00</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="215"/>
        <source>CPUs Slurm gives each process (0: no --cpus-per-task line)</source>
        <translation>Slurm 为每个进程分配的 CPU 数（0：不写 --cpus-per-task 行）</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="216"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="217"/>
        <source>The model, the worker and the run folder must be at these paths on every node. Start the torchrun script on every node with NODE_RANK=0 … nodes−1, or submit the Slurm script with sbatch. Both resume from the newest checkpoint when started again, also with another number of processes; the result does not depend on it.</source>
        <translation>模型、工作程序和运行文件夹在每个节点上都必须位于这些路径。在每个节点上以 NODE_RANK=0 … nodes−1 启动 torchrun 脚本，或用 sbatch 提交 Slurm 脚本。两者再次启动时都会从最新的检查点继续，换用其他进程数也可以；结果与进程数无关。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="221"/>
        <source>Write %1 and %2 into a folder</source>
        <translation>将 %1 和 %2 写入一个文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="223"/>
        <source>No script while a field is invalid (marked in red).</source>
        <translation>有字段无效（以红色标出）时不生成脚本。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="341"/>
        <source>one word, without spaces, quotes, backslashes or &apos;#&apos;</source>
        <translation>须为一个词，不含空格、引号、反斜杠或“#”</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="343"/>
        <source>Nodes: at least 1.</source>
        <translation>节点数：至少为 1。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="344"/>
        <source>Processes per node: at least 1.</source>
        <translation>每节点进程数：至少为 1。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="345"/>
        <source>GPUs per node: 0 or more.</source>
        <translation>每节点 GPU 数：须为 0 或以上。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="346"/>
        <source>CPUs per process: 0 or more.</source>
        <translation>每进程 CPU 数：须为 0 或以上。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="347"/>
        <source>Master address: a host name or address, without spaces.</source>
        <translation>主节点地址：须为主机名或地址，不含空格。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="348"/>
        <source>Port: 1 to 65535.</source>
        <translation>端口：须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="349"/>
        <source>Collective timeout: at least 1 second.</source>
        <translation>集合通信超时：至少为 1 秒。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="350"/>
        <source>Worker: must be an absolute path, or a bare name found on PATH.</source>
        <translation>工作程序：必须是绝对路径，或能在 PATH 中找到的不带路径的名称。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="351"/>
        <source>torchrun: must be an absolute path, or a bare name found on PATH.</source>
        <translation>torchrun：必须是绝对路径，或能在 PATH 中找到的不带路径的名称。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="352"/>
        <source>Run folder: must be an absolute path, without backslashes.</source>
        <translation>运行文件夹：必须是绝对路径，不含反斜杠。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="353"/>
        <source>Model folder: must be an absolute path (the model&apos;s folder on the cluster).</source>
        <translation>模型文件夹：必须是绝对路径（模型在集群上的文件夹）。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="354"/>
        <source>Job name: %1.</source>
        <translation>作业名称：%1。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="355"/>
        <source>Partition: %1 (empty: the cluster&apos;s default).</source>
        <translation>分区：%1（留空：使用集群的默认分区）。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="356"/>
        <source>Time limit: e.g. 24:00:00; %1.</source>
        <translation>时间限制：例如 24:00:00；%1。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="360"/>
        <source>Invalid value: %1</source>
        <translation>无效的值：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="363"/>
        <source>No line breaks or other control characters.</source>
        <translation>不能包含换行符或其他控制字符。</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="377"/>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="389"/>
        <source>Wrote %1 and %2 to %3</source>
        <translation>已将 %1 和 %2 写入 %3</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="397"/>
        <source>Folder for the launch scripts</source>
        <translation>存放启动脚本的文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="404"/>
        <source>%1 already holds launch scripts. Replace them?</source>
        <translation>%1 中已有启动脚本。要替换它们吗？</translation>
    </message>
    <message>
        <location filename="../widgets/training/launchscriptdialog.cpp" line="410"/>
        <source>Cannot save the launch scripts: %1</source>
        <translation>无法保存启动脚本：%1</translation>
    </message>
</context>
<context>
    <name>LcsCompareView</name>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="167"/>
        <source>Rejected record</source>
        <translation>被拒绝的记录</translation>
    </message>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="168"/>
        <source>Nearest kept record</source>
        <translation>最相近的保留记录</translation>
    </message>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="169"/>
        <source>Select a result to compare it with its nearest kept record.</source>
        <translation>选择一条结果，与其最相近的保留记录对比。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="172"/>
        <source>Record %1 (rejected)</source>
        <translation>记录 %1（被拒绝）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="174"/>
        <source>Record %1 (nearest kept)</source>
        <translation>记录 %1（最相近的保留记录）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="176"/>
        <source>Record %1 of the reference pool (nearest)</source>
        <translation>参考池中的记录 %1（最相近）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="178"/>
        <source>Record %1 of the reference pool %2 (nearest)</source>
        <translation>参考池 %2 中的记录 %1（最相近）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="179"/>
        <source>ROUGE-L F %1: a common subsequence of %2 tokens (highlighted) in %3 and %4 tokens.</source>
        <translation>ROUGE-L F %1：在 %3 和 %4 个词元中有 %2 个词元的公共子序列（高亮显示）。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="186"/>
        <source>Record %1</source>
        <translation>记录 %1</translation>
    </message>
    <message>
        <location filename="../widgets/quality/lcscompareview.cpp" line="188"/>
        <source>Rejected by a rule: %1</source>
        <translation>被规则拒绝：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="273"/>
        <source>Curation</source>
        <translation>数据整理</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="274"/>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="275"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="276"/>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="277"/>
        <source>In-context</source>
        <translation>上下文学习</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="278"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="280"/>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="281"/>
        <source>Activity</source>
        <translation>活动日志</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="282"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="283"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="284"/>
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="285"/>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="286"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="287"/>
        <source>&amp;Import dataset…</source>
        <translation>导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="288"/>
        <source>&amp;Export dataset…</source>
        <translation>导出数据集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="289"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="290"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="330"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="332"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="297"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="279"/>
        <source>Context</source>
        <translation>上下文窗口</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="298"/>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="299"/>
        <source>&amp;Datasets</source>
        <translation>数据集(&amp;D)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="300"/>
        <source>&amp;Catalogue of Open Datasets…</source>
        <translation>开放数据集目录(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="301"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="302"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="303"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="304"/>
        <source>&amp;About SFT Workbench</source>
        <translation>关于 SFT 工作台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="305"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="319"/>
        <source>no workspace</source>
        <translation>无工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="320"/>
        <source>%1 — SFT Workbench</source>
        <translation>%1 — SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="328"/>
        <source>&amp;Undo typing</source>
        <translation>撤销输入(&amp;U)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="329"/>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="332"/>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="354"/>
        <source>Showing dataset “%1”, which this step changes</source>
        <translation>正在显示此步骤所更改的数据集“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="367"/>
        <source>Review in Curation</source>
        <translation>在数据整理中审阅</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="368"/>
        <source>The dataset “%1” does not exist yet: the run has kept no task so far.</source>
        <translation>数据集“%1”尚不存在：该运行目前还没有保留任何任务。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="445"/>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="472"/>
        <source>Workspace error</source>
        <translation>工作区错误</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="489"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="508"/>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="508"/>
        <source>Wait for &quot;%1&quot; to finish, or cancel it.</source>
        <translation>请等待“%1”完成，或取消它。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="535"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="540"/>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="542"/>
        <source>%1 failed</source>
        <translation>%1 失败</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="545"/>
        <source>%1 cancelled; nothing was changed.</source>
        <translation>%1 已取消，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="566"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="569"/>
        <source>imported %n record(s) in %1 s</source>
        <translation>
            <numerusform>已导入 %n 条记录，用时 %1 秒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="616"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="616"/>
        <source>Open or create a workspace first: the records are imported into it.</source>
        <translation>请先打开或创建工作区：记录会导入到其中。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="655"/>
        <source>Search index</source>
        <translation>搜索索引</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="657"/>
        <source>indexed %n record(s) for search</source>
        <translation>
            <numerusform>已为 %n 条记录建立搜索索引</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="661"/>
        <source>Indexing for search: %1%</source>
        <translation>正在建立搜索索引：%1%</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="675"/>
        <source>Search index: %1</source>
        <translation>搜索索引：%1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="684"/>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="685"/>
        <source>SFT Workbench workspaces (*.sftws)</source>
        <translation>SFT 工作台工作区 (*.sftws)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="692"/>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="693"/>
        <source>SFT Workbench workspaces (*.sftws);;All files (*)</source>
        <translation>SFT 工作台工作区 (*.sftws);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="701"/>
        <source>Import dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="702"/>
        <source>Datasets (*.json *.jsonl *.csv);;Alpaca or ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;All files (*)</source>
        <translation>数据集 (*.json *.jsonl *.csv);;Alpaca 或 ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="719"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="721"/>
        <source>wrote %1 and %2 to %3</source>
        <translation>已将 %1 和 %2 写入 %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="722"/>
        <source>%n training record(s)</source>
        <translation>
            <numerusform>%n 条训练记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="722"/>
        <source>%n validation record(s)</source>
        <translation>
            <numerusform>%n 条验证记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="241"/>
        <source>label %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <location filename="../widgets/common/modelfolderrow.cpp" line="34"/>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="376"/>
        <source>Export prompt template</source>
        <translation>导出提示模板</translation>
    </message>
    <message>
        <location filename="../widgets/common/saveditembar.cpp" line="46"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="376"/>
        <source>Import prompt template</source>
        <translation>导入提示模板</translation>
    </message>
    <message>
        <location filename="../widgets/common/saveditembar.cpp" line="52"/>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/common/saveditembar.cpp" line="76"/>
        <source>Saved:</source>
        <translation>已保存：</translation>
    </message>
    <message>
        <location filename="../widgets/common/saveditembar.cpp" line="77"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="376"/>
        <source>template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <location filename="../widgets/common/saveditembar.cpp" line="78"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../widgets/common/saveditembar.cpp" line="79"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/common/saveditembar.cpp" line="80"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../widgets/common/saveditembar.cpp" line="81"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="380"/>
        <source>Template ([X] input, [Z] answer, [instruction] / [input] / [output] record fields)</source>
        <translation>模板（[X] 输入，[Z] 答案，[instruction] / [input] / [output] 为记录字段）</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="381"/>
        <source>Answer space and verbalizer</source>
        <translation>答案空间与标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="382"/>
        <location filename="../widgets/prompt/promptpanel.cpp" line="408"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="382"/>
        <source>Answers (separate with /)</source>
        <translation>答案（用 / 分隔）</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="383"/>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="384"/>
        <source>Remove label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="385"/>
        <source>Contextual calibration</source>
        <translation>上下文校准</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="386"/>
        <source>Answer score:</source>
        <translation>答案得分：</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="387"/>
        <source>sum of token log-probs</source>
        <translation>词元对数概率之和</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="388"/>
        <source>mean per token</source>
        <translation>每词元平均</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="389"/>
        <source>Label score:</source>
        <translation>标签得分：</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="390"/>
        <source>best answer (max)</source>
        <translation>最佳答案（最大值）</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="391"/>
        <source>sum of probabilities</source>
        <translation>概率之和</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="392"/>
        <source>mean of answers</source>
        <translation>答案平均</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="393"/>
        <source>Records:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="394"/>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="222"/>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="338"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="395"/>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="222"/>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="337"/>
        <source>accepted only</source>
        <translation>仅已接受</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="396"/>
        <source>At most:</source>
        <translation>最多：</translation>
    </message>
    <message>
        <location filename="../widgets/common/modelfolderrow.cpp" line="59"/>
        <source>Model folder:</source>
        <translation>模型文件夹：</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="397"/>
        <source>a Hugging Face model folder (config.json, *.safetensors, tokenizer.json)</source>
        <translation>Hugging Face 模型文件夹（config.json、*.safetensors、tokenizer.json）</translation>
    </message>
    <message>
        <location filename="../widgets/common/modelfolderrow.cpp" line="60"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="401"/>
        <source>Preview f_fill(x, z), z = the first answer</source>
        <translation>预览 f_fill(x, z)，z 为第一个答案</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="402"/>
        <source>Record:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="403"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="404"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="405"/>
        <source>Examples</source>
        <translation>样例</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="406"/>
        <source>Compare templates</source>
        <translation>模板对比</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="407"/>
        <source>Gold</source>
        <translation>标准答案</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="407"/>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="407"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="409"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="410"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="410"/>
        <source>Macro-F1</source>
        <translation>宏 F1</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="426"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="427"/>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="398"/>
        <source>This is the demo model: tiny and only briefly pre-trained, so its scores are meaningless, but every step runs. It is created on the first run. Choose a real Hugging Face model folder for real results.</source>
        <translation>这是演示模型：很小，只做过短暂的预训练，因此其分数没有意义，但每个步骤都能运行。它在第一次运行时创建。要获得真实结果，请选择真正的 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="407"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="408"/>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="408"/>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="408"/>
        <source>Log-prob</source>
        <translation>对数概率</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="408"/>
        <source>Tokens</source>
        <translation>词元数</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="409"/>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="409"/>
        <source>Answer score</source>
        <translation>答案得分</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="409"/>
        <source>Label score</source>
        <translation>标签得分</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="410"/>
        <source>Gold / scored</source>
        <translation>有标准标签 / 已打分</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="412"/>
        <source>Saved prompt templates of this workspace: choose one to load it (template, verbalizer and options).</source>
        <translation>此工作区中已保存的提示模板：选择一个即可加载（模板、标签映射和选项）。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="414"/>
        <source>Contextual calibration: divide each label&apos;s probability by the probability the model gives it for content-free inputs (N/A, &quot;&quot;, [MASK]), then renormalize. Corrects a template&apos;s bias towards one label.</source>
        <translation>上下文校准：将每个标签的概率除以模型对无内容输入（N/A、&quot;&quot;、[MASK]）给出的该标签概率，然后重新归一化。可纠正模板对某个标签的偏向。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="417"/>
        <source>How an answer&apos;s score is made from its tokens&apos; log-probabilities: their sum, or their mean per token (so longer answers are not penalized).</source>
        <translation>如何由答案各词元的对数概率得出答案得分：求和，或按词元取平均（这样较长的答案不会吃亏）。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="419"/>
        <source>How a label&apos;s score is made from its answers&apos; scores: the best answer, the sum of the answers&apos; probabilities, or the mean of their scores.</source>
        <translation>如何由标签各答案的得分得出标签得分：取最佳答案、各答案的概率之和，或各答案得分的平均值。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="421"/>
        <source>Which records of the dataset are scored: all of them, or only the accepted ones. A record&apos;s output is its gold label when it is one of the labels or answers; the others are scored but left out of accuracy and macro-F1.</source>
        <translation>为数据集中的哪些记录打分：全部记录，或仅已接受的记录。记录的输出若是某个标签或答案，即为其标准标签；其余记录也会打分，但不计入准确率和宏 F1。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="424"/>
        <source>Score at most this many records (the first ones of the dataset).</source>
        <translation>最多为这么多条记录打分（从数据集的第一条开始）。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="425"/>
        <source>Which record of the dataset the preview fills into the template.</source>
        <translation>预览时将数据集中的哪条记录填入模板。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="434"/>
        <source>Run scores the records; a record&apos;s output is its gold label when it is one of the labels or answers.</source>
        <translation>“运行”会为记录打分；记录的输出若是某个标签或答案，即为其标准标签。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="474"/>
        <source>Edit prompt template</source>
        <translation>编辑提示模板</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="497"/>
        <source>Edit verbalizer</source>
        <translation>编辑标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="504"/>
        <source>Change scoring options</source>
        <translation>更改打分选项</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="585"/>
        <source>Column %1: &quot;[%2&quot; is not closed; write [%2] for a slot, or [[ for a literal bracket.</source>
        <translation>第 %1 列：“[%2”没有闭合；槽位请写成 [%2]，字面方括号请写 [[。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="589"/>
        <source>The template needs the answer slot [Z].</source>
        <translation>模板需要答案槽位 [Z]。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="593"/>
        <source>Unknown slot [%1]: records have the fields [instruction], [input] and [output].</source>
        <translation>未知槽位 [%1]：记录只有 [instruction]、[input] 和 [output] 字段。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="598"/>
        <source>No input slot [X]: every record gets the same prompt.</source>
        <translation>没有输入槽位 [X]：每条记录得到的提示都相同。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="600"/>
        <source>Syntax error: %1</source>
        <translation>语法错误：%1</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="609"/>
        <source>Template OK.</source>
        <translation>模板正确。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="624"/>
        <source>Add at least two labels.</source>
        <translation>请至少添加两个标签。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanel.cpp" line="630"/>
        <source>%n label(s).</source>
        <translation>
            <numerusform>%n 个标签。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="661"/>
        <source>No record to preview: choose a dataset.</source>
        <translation>没有可预览的记录：请选择数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="676"/>
        <source>Record %1; gold label: %2</source>
        <translation>记录 %1；标准标签：%2</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="377"/>
        <source>template %1</source>
        <translation>模板 %1</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="377"/>
        <source>Saved prompt template &quot;%1&quot;.</source>
        <translation>已保存提示模板“%1”。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="378"/>
        <source>Load prompt template &quot;%1&quot;</source>
        <translation>加载提示模板“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="377"/>
        <source>Exported the prompt template to %1.</source>
        <translation>已将提示模板导出到 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="379"/>
        <source>Cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanel.cpp" line="378"/>
        <source>Import prompt template &quot;%1&quot;</source>
        <translation>导入提示模板“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="77"/>
        <source>Fix the template or the verbalizer first: %1</source>
        <translation>请先修正模板或标签映射：%1</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="82"/>
        <source>Choose a dataset to score.</source>
        <translation>请选择要打分的数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="86"/>
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/common/demomodeljob.cpp" line="29"/>
        <source>Create the demo model</source>
        <translation>创建演示模型</translation>
    </message>
    <message>
        <location filename="../widgets/common/demomodeljob.cpp" line="33"/>
        <source>demo model ready in %1</source>
        <translation>演示模型已就绪：%1</translation>
    </message>
    <message>
        <location filename="../widgets/common/demomodeljob.cpp" line="46"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="144"/>
        <source>The dataset has no records to score.</source>
        <translation>数据集中没有可打分的记录。</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="91"/>
        <source>Scoring with %1…</source>
        <translation>正在用 %1 打分…</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="108"/>
        <source>cannot write the input file</source>
        <translation>无法写入输入文件</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="145"/>
        <source>None of the %n record(s) read has a text to put in [X].</source>
        <translation>
            <numerusform>读取的 %n 条记录都没有可填入 [X] 的文本。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="161"/>
        <source>Scored %n example(s).</source>
        <translation>
            <numerusform>已为 %n 个样例打分。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="163"/>
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="164"/>
        <source>Scoring failed: %1</source>
        <translation>打分失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="171"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="171"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="189"/>
        <source>Accuracy %1 · macro-F1 %2 over the %n record(s) with a gold label.</source>
        <translation>
            <numerusform>准确率 %1 · 宏 F1 %2，基于 %n 条有标准标签的记录。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="192"/>
        <source>No accuracy: none of the scored records has a gold label (an output that is one of the labels or answers).</source>
        <translation>无法计算准确率：已打分的记录都没有标准标签（即输出为某个标签或答案）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="194"/>
        <source>%n record(s) scored in %1 s.</source>
        <translation>
            <numerusform>已为 %n 条记录打分，用时 %1 秒。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="204"/>
        <source>%n whose output is not one of the labels or answers (%1)</source>
        <translation>
            <numerusform>%n 条的输出不是任何标签或答案（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="208"/>
        <source>%n with an empty output</source>
        <translation>
            <numerusform>%n 条的输出为空</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="211"/>
        <source>%n record(s) without a gold label: scored, but not in accuracy or macro-F1.</source>
        <translation>
            <numerusform>%n 条记录没有标准标签：已打分，但不计入准确率和宏 F1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="213"/>
        <source>%n record(s) without a gold label, scored but not in accuracy or macro-F1: %1.</source>
        <translation>
            <numerusform>%n 条记录没有标准标签，已打分但不计入准确率和宏 F1：%1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="218"/>
        <source>%n record(s) skipped (not scored): no text for [X] (empty instruction and input).</source>
        <translation>
            <numerusform>跳过了 %n 条记录（未打分）：没有可填入 [X] 的文本（指令和输入均为空）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="221"/>
        <source>%n record(s) read (%1, at most %2).</source>
        <translation>
            <numerusform>已读取 %n 条记录（%1，最多 %2 条）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="300"/>
        <source>The best-scoring answer of %1</source>
        <translation>标签“%1”中得分最高的答案</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="330"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="330"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="334"/>
        <source>%1 / %2 (%3)</source>
        <translation>%1 / %2（%3）</translation>
    </message>
    <message>
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="340"/>
        <source>Records with a gold label (the base of accuracy and macro-F1) / records scored</source>
        <translation>有标准标签的记录数（准确率和宏 F1 的计算基数）/ 已打分的记录数</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="185"/>
        <source>%n example(s) scored (no summary).</source>
        <translation>
            <numerusform>已为 %n 个样例打分（无汇总）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromptsDialog</name>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="36"/>
        <source>Prompt templates</source>
        <translation>提示模板</translation>
    </message>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="52"/>
        <source>The worker&apos;s built-in templates for this language are not known yet: they are listed here once a run with the built-in templates has started (its config.json holds them).</source>
        <translation>尚不知道工作进程针对此语言的内置模板：使用内置模板的运行启动后，它们会列在这里（该运行的 config.json 中保存了这些模板）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="55"/>
        <source>Edited templates are saved with the run; the others stay the built-in ones.</source>
        <translation>编辑过的模板随运行一起保存；其他模板仍使用内置版本。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="66"/>
        <source>Reset to defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="88"/>
        <source>Asks for new instructions with the completions API: the model continues a numbered list ({instructions}, {next}).</source>
        <translation>通过文本补全 API 请求新指令：模型续写一个编号列表（{instructions}、{next}）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="91"/>
        <source>Asks for new instructions with the chat API: the model answers with a numbered list ({instructions}, {count}, {next}).</source>
        <translation>通过对话补全 API 请求新指令：模型以编号列表作答（{instructions}、{count}、{next}）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="94"/>
        <source>Asks whether a new task is a classification task ({examples}, {task}).</source>
        <translation>询问新任务是否为分类任务（{examples}、{task}）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="96"/>
        <source>Asks for a task&apos;s instances, input first ({examples}, {task}).</source>
        <translation>请求任务的实例，先生成输入（{examples}、{task}）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="98"/>
        <source>Asks for a classification task&apos;s instances, class label first ({examples}, {task}).</source>
        <translation>请求分类任务的实例，先生成类别标签（{examples}、{task}）。</translation>
    </message>
    <message>
        <location filename="../widgets/generate/promptsdialog.cpp" line="100"/>
        <source>Alpaca mode: asks for a batch of complete tasks ({examples}, {count}, {next}).</source>
        <translation>Alpaca 模式：请求一批完整任务（{examples}、{count}、{next}）。</translation>
    </message>
</context>
<context>
    <name>QualityPanel</name>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="81"/>
        <source>%1: the parameters are not valid JSON (%2)</source>
        <translation>%1：参数不是有效的 JSON（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="84"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="312"/>
        <source>Quality check</source>
        <translation>质量检查</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="460"/>
        <source>Same instruction as record %1 but a different input: probably not a duplicate.</source>
        <translation>与记录 %1 的指令相同但输入不同：可能不是重复。</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="168"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="121"/>
        <source>ROUGE-L near-duplicate</source>
        <translation>ROUGE-L 近似重复</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="169"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="123"/>
        <source>Empty output</source>
        <translation>输出为空</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="170"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="125"/>
        <source>Instruction length</source>
        <translation>指令长度</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="171"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="127"/>
        <source>Keyword blacklist (Self-Instruct/Alpaca)</source>
        <translation>关键词黑名单（Self-Instruct/Alpaca）</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="172"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="129"/>
        <source>Keyword blacklist (BELLE, Chinese)</source>
        <translation>关键词黑名单（BELLE，中文）</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="173"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="131"/>
        <source>Asks to write a program</source>
        <translation>要求编写程序</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="174"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="133"/>
        <source>Starts with punctuation</source>
        <translation>以标点开头</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="175"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="135"/>
        <source>Output repeats the input</source>
        <translation>输出重复输入</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="176"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="137"/>
        <source>Heavy repetition</source>
        <translation>大量重复</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="147"/>
        <source>The field is empty or only whitespace.</source>
        <translation>该字段为空或只有空白。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="149"/>
        <source>Too few or too many words (Self-Instruct/Alpaca keep 4 to 150); text with Chinese characters counts characters instead (BELLE drops 3 or fewer).</source>
        <translation>词数过少或过多（Self-Instruct/Alpaca 保留 4 到 150 个词）；含中文的文本改为计字符数（BELLE 去掉 3 个字符及以下的）。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="153"/>
        <source>Contains one of the words (whole words, ignoring case), as Alpaca&apos;s filter.</source>
        <translation>包含其中某个词（整词匹配，不区分大小写），同 Alpaca 的过滤器。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="156"/>
        <source>Contains one of the strings (plain substring, case-sensitive), as BELLE&apos;s generator.</source>
        <translation>包含其中某个字符串（普通子串，区分大小写），同 BELLE 的生成器。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="160"/>
        <source>Starts with one of the prefixes (case-sensitive), as Alpaca&apos;s &quot;Write a program&quot; rule.</source>
        <translation>以其中某个前缀开头（区分大小写），同 Alpaca 的“Write a program”规则。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="164"/>
        <source>The first character is punctuation; with non_ascii also when it is not ASCII.</source>
        <translation>首字符是标点；设置 non_ascii 时首字符不是 ASCII 也算。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="168"/>
        <source>A non-empty input equal to the output.</source>
        <translation>非空的输入与输出相同。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="170"/>
        <source>The share of repeated n-grams is above max_share.</source>
        <translation>重复 n 元组的比例高于 max_share。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="584"/>
        <source>Records:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="585"/>
        <source>Pending and accepted</source>
        <translation>待定和已接受</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="586"/>
        <source>Accepted only</source>
        <translation>仅已接受</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="587"/>
        <source>Whole dataset</source>
        <translation>整个数据集</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="588"/>
        <source>Records already rejected are never changed; with &quot;Whole dataset&quot; they still count as earlier records for the near-duplicate filter.</source>
        <translation>已拒绝的记录永远不会被更改；选择“整个数据集”时，它们仍作为近似重复过滤的先前记录参与比较。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="590"/>
        <source>Compare:</source>
        <translation>比较：</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="591"/>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="593"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="600"/>
        <source>Tokenizer:</source>
        <translation>分词器：</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="601"/>
        <source>Automatic (from the records&apos; language)</source>
        <translation>自动（根据记录的语言）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="602"/>
        <source>rouge (English words)</source>
        <translation>rouge（英文单词）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="603"/>
        <source>cjk (also Chinese characters)</source>
        <translation>cjk（同时按汉字切分）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="605"/>
        <source>How the text is cut into tokens for ROUGE-L. rouge is rouge_score&apos;s tokenizer: it drops Chinese, Japanese and Korean text, which then scores 0. cjk makes each such character a token and treats other text exactly like rouge. Automatic picks cjk when at least %1% of the compared tokens in a sample of up to %2 records are such characters.</source>
        <translation>ROUGE-L 如何把文本切分为词元。rouge 是 rouge_score 的分词器：它会丢弃中文、日文和韩文文本，使其得分为 0。cjk 把每个这类字符作为一个词元，其他文本的处理与 rouge 完全相同。“自动”会抽取最多 %2 条记录作为样本，若被比较的词元中至少有 %1% 是这类字符，就选择 cjk。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="613"/>
        <source>Porter stemming</source>
        <translation>Porter 词干提取</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="614"/>
        <source>Reduce English words longer than 3 letters to their stem before comparing (rouge_score&apos;s use_stemmer).</source>
        <translation>比较前将长于 3 个字母的英文单词还原为词干（即 rouge_score 的 use_stemmer）。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="616"/>
        <source>Threshold:</source>
        <translation>阈值：</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="617"/>
        <source>A record is rejected when its ROUGE-L F with an earlier kept record is above this.</source>
        <translation>记录与某条先前保留记录的 ROUGE-L F 值高于此值时被拒绝。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="618"/>
        <source>Near-duplicate filter (ROUGE-L)</source>
        <translation>近似重复过滤（ROUGE-L）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="620"/>
        <source>After the rules, reject each record whose ROUGE-L F with a record kept before it is above the threshold.</source>
        <translation>在规则之后，拒绝与其之前某条保留记录的 ROUGE-L F 值高于阈值的每条记录。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="186"/>
        <source>Heuristic rules (run first; edit parameters as JSON)</source>
        <translation>启发式规则（先运行；参数以 JSON 编辑）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="634"/>
        <location filename="../widgets/quality/qualityruletable.cpp" line="187"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualityruletable.cpp" line="188"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="622"/>
        <source>Cancel check</source>
        <translation>取消检查</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="622"/>
        <source>Run check</source>
        <translation>运行检查</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="624"/>
        <source>Apply: reject %n record(s)</source>
        <translation>
            <numerusform>应用：拒绝 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="625"/>
        <source>The settings changed since this preview: run the check again first.</source>
        <translation>生成此预览后设置已更改：请先重新运行检查。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="626"/>
        <source>Reject the checked records (one undo step)</source>
        <translation>拒绝已勾选的记录（作为一个撤销步骤）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="628"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="629"/>
        <source>Reject the checked records of the preview (one undo step)</source>
        <translation>拒绝预览中已勾选的记录（作为一个撤销步骤）</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="655"/>
        <source>Preview: %n record(s) checked; %1 rejected by rules, %2 near-duplicates (ROUGE-L above %3); %4 already rejected stay as they are. Nothing has changed yet: Apply rejects the checked ones in one undo step.</source>
        <translation>
            <numerusform>预览：已检查 %n 条记录；%1 条被规则拒绝，%2 条近似重复（ROUGE-L 高于 %3）；%4 条已拒绝的保持不变。尚未做任何更改：“应用”会在一个撤销步骤中拒绝勾选的记录。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="667"/>
        <source>Settings changed — run the check again: this preview does not match them, so Apply is off.</source>
        <translation>设置已更改 — 请重新运行检查：此预览与当前设置不符，因此“应用”不可用。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="670"/>
        <source>Rejected %n record(s). Edit ▸ Undo restores them.</source>
        <translation>
            <numerusform>已拒绝 %n 条记录。编辑 ▸ 撤销 可将其恢复。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="684"/>
        <source>%n of these have the same instruction as their match but a different input — probably not duplicates. They start unchecked, so Apply keeps them unless you check them.</source>
        <translation>
            <numerusform>其中 %n 条与所匹配记录的指令相同但输入不同 — 可能不是重复。它们默认不勾选，因此除非你勾选，“应用”会保留它们。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="688"/>
        <source>Compare &quot;Instruction + input&quot; to tell such records apart.</source>
        <translation>比较“指令 + 输入”可区分这类记录。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="697"/>
        <source>Tokenizer: chosen from the language of the compared text when the check runs.</source>
        <translation>分词器：运行检查时根据被比较文本的语言选择。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="699"/>
        <source>under 1%</source>
        <translation>不到 1%</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="699"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="701"/>
        <source>Tokenizer: CJK characters (chosen because %1 of the compared text is Chinese, Japanese or Korean)</source>
        <translation>分词器：CJK 字符（选择原因：被比较的文本中有 %1 是中文、日文或韩文）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="704"/>
        <source>Tokenizer: rouge, English words (chosen because the compared text has no Chinese, Japanese or Korean characters)</source>
        <translation>分词器：rouge，英文单词（选择原因：被比较的文本中没有中文、日文或韩文字符）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="706"/>
        <source>Tokenizer: rouge, English words (chosen because only %1 of the compared text is Chinese, Japanese or Korean)</source>
        <translation>分词器：rouge，英文单词（选择原因：被比较的文本中只有 %1 是中文、日文或韩文）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="631"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="65"/>
        <source>System:</source>
        <translation>系统消息：</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="76"/>
        <source>Turn %1, user:</source>
        <translation>第 %1 轮，用户：</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="78"/>
        <source>Assistant:</source>
        <translation>助手：</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="314"/>
        <source>%n record(s) checked, %1 would be rejected (%2 s)</source>
        <translation>
            <numerusform>已检查 %n 条记录，%1 条将被拒绝（%2 秒）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="547"/>
        <source>Quality check: reject %n record(s)</source>
        <translation>
            <numerusform>质量检查：拒绝 %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="557"/>
        <source>Quality check: rejected %n record(s)</source>
        <translation>
            <numerusform>质量检查：已拒绝 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="592"/>
        <source>Instruction + input (first turn)</source>
        <translation>指令 + 输入（第一轮）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="594"/>
        <source>Whole conversation</source>
        <translation>整段对话</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="595"/>
        <source>The text ROUGE-L compares. &quot;Instruction + input&quot; tells apart records that share an instruction but have different inputs, such as labelled examples of one task; &quot;Instruction&quot; alone counts those as duplicates. For a conversation the instruction is its first user message and the output the reply to it; &quot;Whole conversation&quot; compares the system message and every message.</source>
        <translation>ROUGE-L 所比较的文本。“指令 + 输入”可区分指令相同但输入不同的记录，例如同一任务的多个带标签样例；只比较“指令”时，这类记录会被算作重复。对于对话，指令是其第一条用户消息，输出是对它的回复；“整段对话”会比较系统消息和每一条消息。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="619"/>
        <source>Compare against:</source>
        <translation>比较对象：</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="632"/>
        <source>Similarity to earlier kept records</source>
        <translation>与先前保留记录的相似度</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="633"/>
        <source>Would be rejected</source>
        <translation>将被拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="634"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="634"/>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="634"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="635"/>
        <source>Checked records are rejected by Apply; uncheck a false positive to keep it. Double-click a row to open the record in the Curation tab.</source>
        <translation>“应用”会拒绝已勾选的记录；取消勾选误判的记录即可保留它。双击一行可在“数据整理”标签页中打开该记录。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="648"/>
        <source>Choose the options and run the check. Nothing changes until you apply the result.</source>
        <translation>选择选项并运行检查。在应用结果之前不会做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="649"/>
        <source>Choose a dataset in the Curation tab.</source>
        <translation>请在“数据整理”标签页中选择数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="652"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="663"/>
        <source>Compared against a reference pool of %n record(s), which are never rejected.</source>
        <translation>
            <numerusform>已与包含 %n 条记录的参考池比较，参考池中的记录永远不会被拒绝。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="673"/>
        <source>The check was cancelled; nothing was changed.</source>
        <translation>检查已取消，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/qualitypanel.cpp" line="676"/>
        <source>The check failed: %1</source>
        <translation>检查失败：%1</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="105"/>
        <source>A dataset needs a name; none was created.</source>
        <translation>数据集需要名称；未创建数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="110"/>
        <source>New dataset</source>
        <translation>新建数据集</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="111"/>
        <source>Name of the new, empty dataset:</source>
        <translation>新的空数据集的名称：</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="112"/>
        <source>dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="137"/>
        <source>Created dataset “%1”. Press %2 to add a record.</source>
        <translation>已创建数据集“%1”。按 %2 添加记录。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="162"/>
        <source>New record %1 added to “%2”, the dataset shown in Curation.</source>
        <translation>已向“%2”（数据整理中显示的数据集）添加新记录 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="185"/>
        <location filename="../widgets/curation/recordactions.cpp" line="207"/>
        <source>No record is selected: click a row first, or press Alt+Down to select the next one.</source>
        <translation>未选择记录：请先点击一行，或按 Alt+Down 选择下一条。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/recordactions.cpp" line="214"/>
        <source>Deleted %n record(s); Edit ▸ Undo brings them back.</source>
        <translation>
            <numerusform>已删除 %n 条记录；编辑 ▸ 撤销 可将其恢复。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="219"/>
        <source>New &amp;dataset…</source>
        <translation>新建数据集(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="220"/>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="221"/>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="222"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="223"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="225"/>
        <source>Create an empty dataset to fill by hand (%1)</source>
        <translation>创建一个空数据集，用于手动填写（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="226"/>
        <source>Add an empty record to this dataset and type its instruction (%1)</source>
        <translation>向此数据集添加一条空记录并输入其指令（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="227"/>
        <source>Copy the selected records as new pending records (%1)</source>
        <translation>将所选记录复制为新的待审记录（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="228"/>
        <source>Delete the selected records; Edit ▸ Undo brings them back (%1)</source>
        <translation>删除所选记录；编辑 ▸ 撤销 可将其恢复（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordactions.cpp" line="230"/>
        <source>Read the workspace again, e.g. after sftbench-cli added records to it (%1)</source>
        <translation>重新读取工作区，例如在 sftbench-cli 向其中添加记录之后（%1）</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="376"/>
        <source>This record is a conversation: its messages are edited in the chat view</source>
        <translation>此记录是一段对话：其消息在对话视图中编辑</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="377"/>
        <source>Edit the record&apos;s instruction, input and output</source>
        <translation>编辑记录的指令、输入和输出</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="416"/>
        <location filename="../widgets/curation/recordeditor.cpp" line="495"/>
        <source>No record selected.</source>
        <translation>未选择记录。</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="424"/>
        <source>Record %1 · %2</source>
        <translation>记录 %1 · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/recordeditor.cpp" line="426"/>
        <source> · conversation of %n turn(s)</source>
        <translation>
            <numerusform> · 对话，共 %n 轮</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="428"/>
        <source> · flagged</source>
        <translation> · 已标记</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="431"/>
        <source> · reason: %1</source>
        <translation> · 原因：%1</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="431"/>
        <source> · rule %1: %2</source>
        <translation> · 规则 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="437"/>
        <source>Source: %1 · modified %2</source>
        <translation>来源：%1 · 修改于 %2</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="437"/>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="474"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="475"/>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="476"/>
        <source>Edit the record as a chat: the system message and the user and assistant messages</source>
        <translation>以对话形式编辑记录：系统消息以及用户和助手消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="477"/>
        <source>S&amp;ystem message</source>
        <translation>系统消息(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="478"/>
        <source>Optional: how the assistant should behave</source>
        <translation>可选：助手应如何表现</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="479"/>
        <source>&amp;Instruction</source>
        <translation>指令(&amp;I)</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="480"/>
        <source>I&amp;nput</source>
        <translation>输入(&amp;N)</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="481"/>
        <source>&amp;Output</source>
        <translation>输出(&amp;O)</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="482"/>
        <source>Ta&amp;gs (comma separated)</source>
        <translation>标签(&amp;G)（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="483"/>
        <source>Not&amp;e</source>
        <translation>备注(&amp;E)</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="485"/>
        <source>What the model is asked to do</source>
        <translation>要求模型完成的任务</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="486"/>
        <source>Optional: the text the instruction is about</source>
        <translation>可选：指令所针对的文本</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="487"/>
        <source>The answer the model should learn to give</source>
        <translation>模型应学会给出的回答</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="488"/>
        <source>Continue as conversation</source>
        <translation>作为对话继续</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordeditor.cpp" line="489"/>
        <source>Add a user message after the output: the record becomes a conversation of several turns, edited in the chat view</source>
        <translation>在输出之后添加一条用户消息：记录会变成多轮对话，并在对话视图中编辑</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message numerus="yes">
        <location filename="../widgets/curation/recordtablemodel.cpp" line="246"/>
        <source>A conversation of %n turn(s) (a turn is a user message and its reply)</source>
        <translation>
            <numerusform>共 %n 轮的对话（一轮即一条用户消息及其回复）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="248"/>
        <source>A single-turn record: instruction, input and output</source>
        <translation>单轮记录：指令、输入和输出</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="250"/>
        <source>Rejected: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="269"/>
        <source>Turns of the conversation: user messages, each with its reply (1 for a single-turn record)</source>
        <translation>对话的轮数：每条用户消息及其回复算一轮（单轮记录为 1）</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="275"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="276"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="277"/>
        <source>Turns</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="278"/>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="279"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="280"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/curation/recordtablemodel.cpp" line="281"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>RecordsCommand</name>
    <message>
        <location filename="../widgets/curation/recordscommand.cpp" line="20"/>
        <source>New record %1</source>
        <translation>新建记录 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/recordscommand.cpp" line="21"/>
        <source>New %n record(s)</source>
        <translation>
            <numerusform>新建 %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/recordscommand.cpp" line="23"/>
        <source>Duplicate %n record(s)</source>
        <translation>
            <numerusform>创建 %n 条记录的副本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/recordscommand.cpp" line="25"/>
        <source>Delete %n record(s)</source>
        <translation>
            <numerusform>删除 %n 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferencePoolCombo</name>
    <message>
        <location filename="../widgets/quality/referencepoolcombo.cpp" line="84"/>
        <source>Reference pool</source>
        <translation>参考池</translation>
    </message>
    <message>
        <location filename="../widgets/quality/referencepoolcombo.cpp" line="85"/>
        <source>Datasets (*.json *.jsonl *.csv);;All files (*)</source>
        <translation>数据集 (*.json *.jsonl *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/quality/referencepoolcombo.cpp" line="138"/>
        <source>A reference pool for the near-duplicate filter, such as the seed tasks or an earlier dataset: each record is also compared with the pool&apos;s records, which are never rejected (the Self-Instruct rule).</source>
        <translation>近似重复过滤所用的参考池，例如种子任务或之前的数据集：每条记录还会与参考池中的记录比较，而参考池中的记录永远不会被拒绝（Self-Instruct 的规则）。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/referencepoolcombo.cpp" line="144"/>
        <source>Nothing (only earlier records of this dataset)</source>
        <translation>无（只与本数据集中的先前记录比较）</translation>
    </message>
    <message>
        <location filename="../widgets/quality/referencepoolcombo.cpp" line="147"/>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <location filename="../widgets/quality/referencepoolcombo.cpp" line="150"/>
        <source>A file…</source>
        <translation>选择文件…</translation>
    </message>
</context>
<context>
    <name>RejectionText</name>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="76"/>
        <source>no instance could be read from the model&apos;s answer</source>
        <translation>无法从模型的回答中读出任何实例</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="78"/>
        <source>repeats an earlier instance</source>
        <translation>与之前的实例重复</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="91"/>
        <source>turn %1: %2</source>
        <translation>第 %1 轮：%2</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="107"/>
        <source>ROUGE-L %1 with record %2 of the reference pool %3</source>
        <translation>与参考池 %3 中记录 %2 的 ROUGE-L 为 %1</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="112"/>
        <source>ROUGE-L %1 with record %2 of the reference pool</source>
        <translation>与参考池中记录 %2 的 ROUGE-L 为 %1</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="113"/>
        <source>ROUGE-L %1 with record %2</source>
        <translation>与记录 %2 的 ROUGE-L 为 %1</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="118"/>
        <source>ROUGE-L %1 with an instruction of the pool (threshold %2)</source>
        <translation>与任务池中某条指令的 ROUGE-L 为 %1（阈值 %2）</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="123"/>
        <source>the server refused its request: %1</source>
        <translation>服务器拒绝了其请求：%1</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="125"/>
        <source>%1 is empty</source>
        <translation>%1为空</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/rejectiontext.cpp" line="132"/>
        <source>%1 has %n character(s) (minimum %2)</source>
        <translation>
            <numerusform>%1有 %n 个字符（最少 %2 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/rejectiontext.cpp" line="133"/>
        <source>%1 has %n character(s) (maximum %2)</source>
        <translation>
            <numerusform>%1有 %n 个字符（最多 %2 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/rejectiontext.cpp" line="135"/>
        <source>%1 has %n word(s) (minimum %2)</source>
        <translation>
            <numerusform>%1有 %n 个词（最少 %2 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/rejectiontext.cpp" line="136"/>
        <source>%1 has %n word(s) (maximum %2)</source>
        <translation>
            <numerusform>%1有 %n 个词（最多 %2 个）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="140"/>
        <source>%1 contains the blacklisted keyword “%2”</source>
        <translation>%1包含黑名单关键词“%2”</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="142"/>
        <source>%1 starts with “%2”</source>
        <translation>%1以“%2”开头</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="145"/>
        <source>%1 starts with a non-ASCII character</source>
        <translation>%1以非 ASCII 字符开头</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="146"/>
        <source>%1 starts with the punctuation mark “%2”</source>
        <translation>%1以标点“%2”开头</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="149"/>
        <source>the output repeats the input</source>
        <translation>输出重复了输入</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="151"/>
        <source>%1: %2 of its %3-grams are repeats (maximum %4)</source>
        <translation>%1：其 %3 元组中有 %2 是重复的（最多 %4）</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="177"/>
        <source>Too similar to the pool (ROUGE-L)</source>
        <translation>与任务池过于相似（ROUGE-L）</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="178"/>
        <source>No instances</source>
        <translation>无实例</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="179"/>
        <source>Repeated instance</source>
        <translation>实例重复</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="180"/>
        <source>Request refused</source>
        <translation>请求被拒绝</translation>
    </message>
</context>
<context>
    <name>RopeView</name>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="357"/>
        <location filename="../widgets/context/ropeview.cpp" line="432"/>
        <source>L = %1</source>
        <translation>L = %1</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="361"/>
        <source>Pair i turns by θ_i = θ^(−2i/d) radians per position, one full turn every 2π/θ_i positions (its wavelength). %1 of %2 pairs have a wavelength longer than the training window L = %3: in training they never completed a turn, so their angle tells absolute position, and positions past L give them angles the model has never seen.</source>
        <translation>第 i 个维度对每个位置旋转 θ_i = θ^(−2i/d) 弧度，每 2π/θ_i 个位置转满一圈（即其波长）。%2 个维度对中有 %1 个的波长超过训练窗口 L = %3：它们在训练中从未转满一圈，因此其角度反映的是绝对位置，而超过 L 的位置会使它们出现模型从未见过的角度。</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="390"/>
        <source>one turn (2π)</source>
        <translation>一圈（2π）</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="397"/>
        <source>The blue curve stays under the dashed one, the largest angle each pair reached in training.</source>
        <translation>蓝色曲线始终位于虚线（各维度对在训练中达到的最大角度）之下。</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="399"/>
        <source>m·L/L′ lies between the last trained position L − 1 and L, so the blue curve is just above the dashed one (the largest angle each pair reached in training), by less than one position&apos;s turn.</source>
        <translation>m·L/L′ 位于最后一个训练位置 L − 1 与 L 之间，因此蓝色曲线略高于虚线（各维度对在训练中达到的最大角度），差距不到一个位置的转角。</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="402"/>
        <source>m is not inside the target window: even interpolated it lands past the training window, so the blue curve rises above the dashed one (the largest angle each pair reached in training).</source>
        <translation>m 不在目标窗口内：即使插值后也会落在训练窗口之外，因此蓝色曲线高于虚线（各维度对在训练中达到的最大角度）。</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="405"/>
        <source>Position m = %1 turns pair i by m·θ_i. Position interpolation uses m·L/L′ = %2 instead, so the target window [0, %3) folds into the training window [0, %4).</source>
        <translation>位置 m = %1 使维度对 i 旋转 m·θ_i。位置插值改用 m·L/L′ = %2，从而把目标窗口 [0, %3) 压缩进训练窗口 [0, %4)。</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="412"/>
        <source>Pairs at an angle never seen in training (long-wavelength pairs past their trained range): %1 before, %2 after.</source>
        <translation>角度在训练中从未出现过的维度对（超出训练范围的长波长维度对）：插值前 %1 个，插值后 %2 个。</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="433"/>
        <source>L′ = %1</source>
        <translation>L′ = %1</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="438"/>
        <source>divided by s above L</source>
        <translation>高于 L 的除以 s</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="439"/>
        <source>divided by s above L/%1</source>
        <translation>高于 L/%1 的除以 s</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="441"/>
        <source>Effective wavelength per pair when the window is stretched by s = %1 (L′ = %2). Linear divides every frequency by s. Dynamic NTK (at length L′) raises the base to %3, which stretches the long wavelengths most and leaves the shortest almost as they were. YaRN keeps the pairs that turn more than %4 times within L, interpolates those that turn less than %5 times, ramps in between, and multiplies cos and sin by %6, so the attention logits q·k scale by its square, %7. llama3 does the same by wavelength: unchanged below L/%8, %9, ramped in between.</source>
        <translation>窗口按 s = %1 拉伸（L′ = %2）时各维度对的有效波长。线性缩放把每个频率除以 s。动态 NTK（在长度 L′ 处）把基数提高到 %3，对长波长拉伸最多，最短的波长几乎不变。YaRN 保留在 L 内旋转超过 %4 圈的维度对，对旋转少于 %5 圈的维度对做插值，两者之间渐变过渡，并将 cos 和 sin 乘以 %6，因此注意力 logits q·k 按其平方 %7 缩放。llama3 按波长做同样的处理：波长低于 L/%8 的不变，%9，两者之间渐变过渡。</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="461"/>
        <source>θ (rope_theta):</source>
        <translation>θ（rope_theta）：</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="462"/>
        <source>Head dim d:</source>
        <translation>头维度 d：</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="463"/>
        <source>Training window L:</source>
        <translation>训练窗口 L：</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="464"/>
        <source>Factor s:</source>
        <translation>系数 s：</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="465"/>
        <source>Target window L′:</source>
        <translation>目标窗口 L′：</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="466"/>
        <source>Position m:</source>
        <translation>位置 m：</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="467"/>
        <source>s = L′ / L: how far the window is stretched. Editing s sets L′ and the other way round.</source>
        <translation>s = L′ / L：窗口被拉伸的倍数。修改 s 会相应设置 L′，反之亦然。</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="468"/>
        <source>The position whose rotation angles the middle plot shows.</source>
        <translation>中间图表所显示旋转角度对应的位置。</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="469"/>
        <source>Wavelength per dimension pair</source>
        <translation>各维度对的波长</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="470"/>
        <source>Angles of position m, before and after interpolation</source>
        <translation>位置 m 在插值前后的角度</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="471"/>
        <source>Scaling variants: effective wavelength</source>
        <translation>各缩放方式：有效波长</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="473"/>
        <source>dimension pair i</source>
        <translation>维度对 i</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="474"/>
        <source>wavelength (positions)</source>
        <translation>波长（位置数）</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="475"/>
        <source>2π/θ_i</source>
        <translation>2π/θ_i</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="476"/>
        <source>angle (radians)</source>
        <translation>角度（弧度）</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="477"/>
        <source>m·θ_i (as is)</source>
        <translation>m·θ_i（原样）</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="478"/>
        <source>m·L/L′·θ_i (interpolated)</source>
        <translation>m·L/L′·θ_i（插值后）</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="479"/>
        <source>(L−1)·θ_i (largest in training)</source>
        <translation>(L−1)·θ_i（训练中的最大值）</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="480"/>
        <source>effective wavelength (positions)</source>
        <translation>有效波长（位置数）</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="481"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="481"/>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="481"/>
        <source>dynamic NTK</source>
        <translation>动态 NTK</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="481"/>
        <source>YaRN</source>
        <translation>YaRN</translation>
    </message>
    <message>
        <location filename="../widgets/context/ropeview.cpp" line="481"/>
        <source>llama3</source>
        <translation>llama3</translation>
    </message>
</context>
<context>
    <name>RunList</name>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="176"/>
        <source>Runs (checked runs are overlaid in the charts)</source>
        <translation>运行（勾选的运行会叠加显示在图表中）</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="177"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="178"/>
        <source>Ask the selected run&apos;s worker to save a checkpoint and stop</source>
        <translation>让所选运行的工作进程保存检查点后停止</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="574"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="574"/>
        <source>Start here</source>
        <translation>在本机开始</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="575"/>
        <source>Start the selected prepared run on this machine, with the processes set in the form</source>
        <translation>在本机开始所选的已准备运行，使用表单中设置的进程数</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="577"/>
        <source>Continue the selected run from its newest checkpoint</source>
        <translation>从最新检查点继续所选运行</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="181"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="181"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="181"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="181"/>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="181"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="181"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="191"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="192"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="193"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="194"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="195"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="340"/>
        <source>LoRA r=%1</source>
        <translation>LoRA r=%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="342"/>
        <source>adapter %1</source>
        <translation>适配器 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="344"/>
        <source>prefix %1</source>
        <translation>前缀 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="346"/>
        <source>full</source>
        <translation>全参数</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="349"/>
        <location filename="../widgets/training/runlist.cpp" line="500"/>
        <source>prepared</source>
        <translation>已准备</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="350"/>
        <source>stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="83"/>
        <source>Run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="457"/>
        <source>No run selected. Fill in the form and press Start training.</source>
        <translation>未选择运行。填写表单后点击“开始训练”。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="458"/>
        <source>Open a workspace to train.</source>
        <translation>请先打开一个工作区再训练。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="468"/>
        <source>Step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="469"/>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="472"/>
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="474"/>
        <source>eval loss %1</source>
        <translation>评估损失 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="477"/>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="479"/>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="481"/>
        <source>took %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="485"/>
        <source>peak GPU memory %1</source>
        <translation>GPU 显存峰值 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="487"/>
        <source>peak memory %1</source>
        <translation>内存峰值 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="492"/>
        <source>stopping (saving a checkpoint)…</source>
        <translation>正在停止（保存检查点）…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="495"/>
        <source>stopped before its first step; start a new run.</source>
        <translation>在第一步之前就已停止；请开始新的运行。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="496"/>
        <source>Resume continues from the checkpoint.</source>
        <translation>“继续”会从检查点接着训练。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="501"/>
        <source>nothing has run yet: Start here trains it on this machine; Run… › Export launch script… gives the scripts that train it on a cluster.</source>
        <translation>尚未运行过：“在本机开始”会在本机训练它；“运行操作… › 导出启动脚本…”可生成在集群上训练它的脚本。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="507"/>
        <source>torchrun exited before the worker started (e.g. its port was taken); its output is below.</source>
        <translation>torchrun 在工作进程启动前就已退出（例如其端口已被占用）；其输出见下方。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="509"/>
        <source>the worker exited before it started; its output is below.</source>
        <translation>工作进程尚未开始就已退出；其输出见下方。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="510"/>
        <source>the worker is not running; Resume continues from step %1.</source>
        <translation>工作进程未在运行；“继续”将从第 %1 步接着训练。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="512"/>
        <source>the worker is not running and left no checkpoint.</source>
        <translation>工作进程未在运行，且没有留下检查点。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="530"/>
        <source>Trainable %1 of %2 (%3%) · %4 train / %5 eval examples · %6 · %7</source>
        <translation>可训练 %1 / %2（%3%）· 训练 %4 / 评估 %5 个样例 · %6 · %7</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="542"/>
        <source>%1 truncated to the max length, %2 left out (prompt longer than the max length)</source>
        <translation>%1 条被截断到最大长度，%2 条被略去（提示长于最大长度）</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlist.cpp" line="549"/>
        <source>%n turn(s) of long conversations left out</source>
        <translation>
            <numerusform>略去了长对话中的 %n 轮</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlist.cpp" line="552"/>
        <source>%n long conversation(s) split into several examples</source>
        <translation>
            <numerusform>%n 段长对话被拆分为多个样例</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlist.cpp" line="558"/>
        <source>%n record(s) the prompt format refused, skipped</source>
        <translation>
            <numerusform>跳过了 %n 条提示格式不接受的记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/training/runlist.cpp" line="559"/>
        <source>First refused record: %1</source>
        <translation>第一条不被接受的记录：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="85"/>
        <source>Run %1: torchrun exited before the worker started; the run&apos;s status shows its output.</source>
        <translation>运行 %1：torchrun 在工作进程启动前就已退出；运行状态中显示了其输出。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="86"/>
        <source>Run %1: the worker exited before it started; the run&apos;s status shows its output.</source>
        <translation>运行 %1：工作进程尚未开始就已退出；运行状态中显示了其输出。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="96"/>
        <source>Choose a dataset to train on.</source>
        <translation>请选择要训练的数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="100"/>
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="115"/>
        <source>Cannot create the demo model: %1</source>
        <translation>无法创建演示模型：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="135"/>
        <source>Cannot create the run folder: %1</source>
        <translation>无法创建运行文件夹：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="146"/>
        <source>Export the training data</source>
        <translation>导出训练数据</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlaunch.cpp" line="148"/>
        <source>exported %n training record(s)</source>
        <translation>
            <numerusform>已导出 %n 条训练记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="153"/>
        <source>Cannot start the run: %1</source>
        <translation>无法开始运行：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="179"/>
        <source>Prepared %1: export its launch script for a cluster, or Start here.</source>
        <translation>已准备 %1：可导出其启动脚本以在集群上运行，或点击“在本机开始”。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="187"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="196"/>
        <location filename="../widgets/training/runlaunch.cpp" line="197"/>
        <source>Cannot start the worker: %1</source>
        <translation>无法启动工作进程：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlaunch.cpp" line="207"/>
        <source>Resumed %1 with %n processes.</source>
        <translation>
            <numerusform>已用 %n 个进程继续 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlaunch.cpp" line="208"/>
        <source>Started %1 with %n processes.</source>
        <translation>
            <numerusform>已用 %n 个进程开始 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="255"/>
        <source>torchrun was not found: starting with one process</source>
        <translation>未找到 torchrun：改用单个进程开始</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="256"/>
        <source>torchrun was not found: resuming with one process</source>
        <translation>未找到 torchrun：改用单个进程继续</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="211"/>
        <source>Resumed %1.</source>
        <translation>已继续 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="211"/>
        <source>Started %1.</source>
        <translation>已开始 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="241"/>
        <source>Stopping %1: the worker saves a checkpoint and exits.</source>
        <translation>正在停止 %1：工作进程会保存检查点后退出。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="47"/>
        <source>Folder for the merged model</source>
        <translation>合并后模型的文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="50"/>
        <source>Merge here</source>
        <translation>合并到此处</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="58"/>
        <source>Merge into a model folder</source>
        <translation>合并为模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="59"/>
        <source>%1 is not empty. Write the merged model into it anyway (model files with the same names are replaced)?</source>
        <translation>%1 不是空文件夹。仍要将合并后的模型写入其中吗（同名的模型文件会被替换）？</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="82"/>
        <source>Delete run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="83"/>
        <source>Delete the run %1 and its folder (checkpoints, outputs, log)? This cannot be undone.</source>
        <translation>删除运行 %1 及其文件夹（检查点、输出、日志）？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="86"/>
        <source>%1 is being merged or exported; delete it when that has ended.</source>
        <translation>%1 正在合并或导出；请在其结束后再删除。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="87"/>
        <source>A running run cannot be deleted; stop it first.</source>
        <translation>正在进行的运行不能删除，请先停止它。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="98"/>
        <source>Run…</source>
        <translation>运行操作…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="99"/>
        <source>More actions on the selected run</source>
        <translation>对所选运行的更多操作</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="100"/>
        <source>Open the run folder</source>
        <translation>打开运行文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="101"/>
        <source>Merge into a model folder…</source>
        <translation>合并为模型文件夹…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="102"/>
        <source>LoRA folded into the base weights (W + scale·B·A): an ordinary Hugging Face model folder with no inference overhead</source>
        <translation>把 LoRA 并入基础权重（W + scale·B·A）：得到没有推理开销的普通 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="104"/>
        <source>Export launch script…</source>
        <translation>导出启动脚本…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="105"/>
        <source>Scripts that run this run folder data-parallel on a cluster: torchrun on every node, or a Slurm batch job</source>
        <translation>在集群上以数据并行方式运行此运行文件夹的脚本：在每个节点上运行 torchrun，或作为 Slurm 批处理作业</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="107"/>
        <source>Delete run…</source>
        <translation>删除运行…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="134"/>
        <source>Stop the GGUF export</source>
        <translation>停止 GGUF 导出</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="135"/>
        <source>Stop writing the GGUF file of %1; nothing is left of it</source>
        <translation>停止写入 %1 的 GGUF 文件；不会留下任何部分文件</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="138"/>
        <source>Export GGUF…</source>
        <translation>导出 GGUF…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="139"/>
        <source>One GGUF file for llama.cpp and Ollama: the whole model (LoRA folded in) or the LoRA adapter alone, as f16, f32, bf16 or q8_0</source>
        <translation>供 llama.cpp 和 Ollama 使用的单个 GGUF 文件：完整模型（并入 LoRA）或单独的 LoRA 适配器，格式为 f16、f32、bf16 或 q8_0</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="155"/>
        <source>Merged model written to %1</source>
        <translation>合并后的模型已写入 %1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="155"/>
        <source>Merge failed: %1</source>
        <translation>合并失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="160"/>
        <source>Merging %1 into %2…</source>
        <translation>正在把 %1 合并到 %2…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="186"/>
        <source>Stopping the GGUF export of %1…</source>
        <translation>正在停止 %1 的 GGUF 导出…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="212"/>
        <source>GGUF written to %1 (%2)</source>
        <translation>GGUF 已写入 %1（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="217"/>
        <source>%1 · %2</source>
        <comment>a message and one more thing to know</comment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlistactions.cpp" line="218"/>
        <source>%n weight(s) kept f16 (rows not a multiple of q8_0&apos;s block of 32)</source>
        <translation>
            <numerusform>%n 个权重保留为 f16（行长度不是 q8_0 分块大小 32 的倍数）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="221"/>
        <source>%1 · warning: %2</source>
        <comment>a message and a warning of the exporter</comment>
        <translation>%1 · 警告：%2</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="237"/>
        <source>GGUF export stopped.</source>
        <translation>GGUF 导出已停止。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="237"/>
        <source>GGUF export failed: %1</source>
        <translation>GGUF 导出失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="243"/>
        <source>Exporting %1 to %2…</source>
        <translation>正在把 %1 导出到 %2…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="257"/>
        <source>Merging the run into its base model…</source>
        <translation>正在把该运行合并到其基础模型…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="259"/>
        <source>Saving the run&apos;s LoRA adapter…</source>
        <translation>正在保存该运行的 LoRA 适配器…</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="264"/>
        <source>Exporting GGUF: tensor %1 of %2</source>
        <translation>正在导出 GGUF：第 %1 / %2 个张量</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlistactions.cpp" line="277"/>
        <source>This run cannot be exported now: it is training, a merge or another export is running, or it has no weights yet.</source>
        <translation>此运行现在无法导出：它正在训练、正在进行合并或另一项导出，或者尚无权重。</translation>
    </message>
    <message>
        <location filename="../widgets/training/runlaunch.cpp" line="29"/>
        <source>PyTorch&apos;s torchrun was not found on PATH; install PyTorch (Debian: python3-torch) or set processes to 1</source>
        <translation>在 PATH 中找不到 PyTorch 的 torchrun；请安装 PyTorch（Debian：python3-torch），或将进程数设为 1</translation>
    </message>
</context>
<context>
    <name>SetConversationCommand</name>
    <message>
        <location filename="../widgets/curation/setconversationcommand.cpp" line="36"/>
        <source>Edit message %1 of record %2</source>
        <translation>编辑记录 %2 的消息 %1</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setconversationcommand.cpp" line="39"/>
        <source>Edit the system message of record %1</source>
        <translation>编辑记录 %1 的系统消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setconversationcommand.cpp" line="42"/>
        <source>Add a user message to record %1</source>
        <translation>向记录 %1 添加用户消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setconversationcommand.cpp" line="43"/>
        <source>Add an assistant message to record %1</source>
        <translation>向记录 %1 添加助手消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setconversationcommand.cpp" line="46"/>
        <source>Remove message %1 of record %2</source>
        <translation>删除记录 %2 的消息 %1</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setconversationcommand.cpp" line="49"/>
        <source>Move message %1 of record %2 up</source>
        <translation>上移记录 %2 的消息 %1</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setconversationcommand.cpp" line="52"/>
        <source>Move message %1 of record %2 down</source>
        <translation>下移记录 %2 的消息 %1</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setconversationcommand.cpp" line="55"/>
        <source>Make message %1 of record %2 a user message</source>
        <translation>将记录 %2 的消息 %1 改为用户消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setconversationcommand.cpp" line="58"/>
        <source>Make message %1 of record %2 an assistant message</source>
        <translation>将记录 %2 的消息 %1 改为助手消息</translation>
    </message>
</context>
<context>
    <name>SetFieldCommand</name>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="37"/>
        <location filename="../widgets/curation/setfieldcommand.cpp" line="14"/>
        <source>instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="39"/>
        <location filename="../widgets/curation/setfieldcommand.cpp" line="15"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../widgets/common/rejectiontext.cpp" line="41"/>
        <location filename="../widgets/curation/setfieldcommand.cpp" line="16"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setfieldcommand.cpp" line="17"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setfieldcommand.cpp" line="18"/>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../widgets/curation/setfieldcommand.cpp" line="36"/>
        <source>Edit %1 of record %2</source>
        <translation>编辑记录 %2 的%1</translation>
    </message>
</context>
<context>
    <name>SetFlagCommand</name>
    <message numerus="yes">
        <location filename="../widgets/curation/setflagcommand.cpp" line="24"/>
        <source>Flag %n records</source>
        <translation>
            <numerusform>标记 %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/setflagcommand.cpp" line="25"/>
        <source>Unflag %n records</source>
        <translation>
            <numerusform>取消标记 %n 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetStatusCommand</name>
    <message>
        <location filename="../widgets/common/setstatuscommand.cpp" line="40"/>
        <source>Mark record %1 %2</source>
        <translation>将记录 %1 标为%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/setstatuscommand.cpp" line="43"/>
        <source>Mark %n records %1</source>
        <translation>
            <numerusform>将 %n 条记录标为%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../widgets/common/settingsdialog.cpp" line="13"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../widgets/common/settingsdialog.cpp" line="15"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../widgets/common/settingsdialog.cpp" line="19"/>
        <source>The language of the interface; it changes at once, no restart needed</source>
        <translation>界面语言；立即生效，无需重启</translation>
    </message>
    <message>
        <location filename="../widgets/common/settingsdialog.cpp" line="21"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
</context>
<context>
    <name>SimilarityHistogram</name>
    <message>
        <location filename="../widgets/quality/similarityhistogram.cpp" line="136"/>
        <source>Highest ROUGE-L with an earlier kept record</source>
        <translation>与先前保留记录的最高 ROUGE-L</translation>
    </message>
    <message>
        <location filename="../widgets/quality/similarityhistogram.cpp" line="137"/>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../widgets/quality/similarityhistogram.cpp" line="138"/>
        <source>Use this threshold</source>
        <translation>使用此阈值</translation>
    </message>
    <message>
        <location filename="../widgets/quality/similarityhistogram.cpp" line="139"/>
        <source>Set the threshold of the next run to the line&apos;s value</source>
        <translation>将下次运行的阈值设为竖线所在的值</translation>
    </message>
    <message>
        <location filename="../widgets/quality/similarityhistogram.cpp" line="141"/>
        <source>Run a check to see the distribution of similarities.</source>
        <translation>运行检查以查看相似度分布。</translation>
    </message>
    <message>
        <location filename="../widgets/quality/similarityhistogram.cpp" line="143"/>
        <source>Preview at %1: %2 of %3 records have a best score above the line. Run the check again to apply a new threshold.</source>
        <translation>预览（%1）：%3 条记录中有 %2 条的最高分高于竖线。要使用新阈值，请再次运行检查。</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <location filename="../widgets/common/statustext.cpp" line="6"/>
        <source>pending</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../widgets/common/statustext.cpp" line="7"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../widgets/common/statustext.cpp" line="8"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="61"/>
        <source>%1
(proposed by request %2)</source>
        <translation>%1
（由请求 %2 提出）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="63"/>
        <source>Nearest in the pool: %1</source>
        <translation>任务池中最相近的指令：%1</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="72"/>
        <source>kept</source>
        <translation>已保留</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="72"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="76"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="80"/>
        <source>%1 (+%2 dropped)</source>
        <translation>%1（另丢弃 %2 个）</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="91"/>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="92"/>
        <source>Decision</source>
        <translation>判定</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="93"/>
        <source>Rule / reason</source>
        <translation>规则 / 原因</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="94"/>
        <source>ROUGE-L</source>
        <translation>ROUGE-L</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="95"/>
        <source>Classification</source>
        <translation>分类任务</translation>
    </message>
    <message>
        <location filename="../widgets/generate/tasktablemodel.cpp" line="96"/>
        <source>Instances</source>
        <translation>实例数</translation>
    </message>
</context>
<context>
    <name>TrainingCharts</name>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="544"/>
        <source>Training charts</source>
        <translation>训练曲线</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="550"/>
        <location filename="../widgets/training/trainingcharts.cpp" line="557"/>
        <source>Export charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="551"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="557"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="576"/>
        <source>&amp;Smoothing</source>
        <translation>平滑(&amp;S)</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="577"/>
        <source>Exponential moving average of the train loss (0 = raw)</source>
        <translation>训练损失的指数移动平均（0 = 原始值）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="579"/>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="580"/>
        <source>Fit all data and follow the newest step (also: double-click a plot)</source>
        <translation>显示全部数据并跟随最新步数（也可双击图表）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="581"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="582"/>
        <source>Drag to pan, wheel to zoom the steps; hold Ctrl for the value axis</source>
        <translation>拖动平移，滚轮缩放步数轴；按住 Ctrl 作用于数值轴</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="583"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="584"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="585"/>
        <source>Grad norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="586"/>
        <source>Tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingcharts.cpp" line="587"/>
        <source>Step</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="58"/>
        <source>Run name:</source>
        <translation>运行名称：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="90"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="92"/>
        <source>Command:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="98"/>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="101"/>
        <location filename="../widgets/training/trainingformconfig.cpp" line="275"/>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="149"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="159"/>
        <source>RoPE interpolation:</source>
        <translation>RoPE 插值：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="166"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="196"/>
        <source>Pack several examples into each row</source>
        <translation>将多个样例打包到同一行</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="199"/>
        <source>Learn the prompt tokens too (default: the response only)</source>
        <translation>也学习提示部分的词元（默认只学习回答）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="202"/>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="203"/>
        <source>Records:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="204"/>
        <source>Held-out share:</source>
        <translation>留出比例：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="205"/>
        <source>Prompt format:</source>
        <translation>提示格式：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="206"/>
        <source>Max length (tokens):</source>
        <translation>最大长度（词元）：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="207"/>
        <source>Longer conversations:</source>
        <translation>超长对话：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="233"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="265"/>
        <source>rsLoRA (scale alpha / √r)</source>
        <translation>rsLoRA（缩放 alpha / √r）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="287"/>
        <source>Rank r:</source>
        <translation>秩 r：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="288"/>
        <source>Alpha:</source>
        <translation>Alpha：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="289"/>
        <source>Dropout:</source>
        <translation>Dropout：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="290"/>
        <source>Initialisation:</source>
        <translation>初始化：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="292"/>
        <source>Target modules:</source>
        <translation>目标模块：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="303"/>
        <source>Bottleneck size:</source>
        <translation>瓶颈维度：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="304"/>
        <source>Adapters after the attention and the MLP of every layer; they start as the identity.</source>
        <translation>适配器位于每层注意力和 MLP 之后；初始时为恒等映射。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="318"/>
        <source>Reparameterize through an MLP</source>
        <translation>通过 MLP 重参数化</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="328"/>
        <source>Virtual tokens:</source>
        <translation>虚拟词元数：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="330"/>
        <source>MLP hidden size:</source>
        <translation>MLP 隐藏维度：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="338"/>
        <source>Every weight of the model is trained; the result is a complete model folder.</source>
        <translation>训练模型的全部权重；结果是一个完整的模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="346"/>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="370"/>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="418"/>
        <source>Gradient checkpointing (less memory, slower)</source>
        <translation>梯度检查点（省内存，较慢）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="433"/>
        <source>Run on a cluster…</source>
        <translation>在集群上运行…</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="441"/>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="442"/>
        <source>Max steps:</source>
        <translation>最大步数：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="443"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="444"/>
        <source>Grad accumulation:</source>
        <translation>梯度累积：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="445"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="446"/>
        <source>Schedule:</source>
        <translation>调度：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="447"/>
        <source>Warmup ratio:</source>
        <translation>预热比例：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="448"/>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="449"/>
        <source>Max grad norm:</source>
        <translation>最大梯度范数：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="450"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="451"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="452"/>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="456"/>
        <source>Eval every:</source>
        <translation>评估间隔：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="457"/>
        <source>Save every:</source>
        <translation>保存间隔：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="467"/>
        <source>optional; the run id otherwise</source>
        <translation>可选；留空则用运行编号</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="468"/>
        <source>a Hugging Face model folder (config.json, *.safetensors, tokenizer.json)</source>
        <translation>Hugging Face 模型文件夹（config.json、*.safetensors、tokenizer.json）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="469"/>
        <source>This is the demo model: tiny and only briefly pre-trained on the demo texts, so a run takes seconds on a CPU. It is created on the first start. Choose a real Hugging Face model folder for real results.</source>
        <translation>这是演示模型：很小，只在演示文本上做过短暂的预训练，因此在 CPU 上一次运行只需几秒。它在首次启动时创建。要获得真实结果，请选择真正的 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="472"/>
        <source>RoPE position interpolation: positions are divided by this factor, so a factor of 2 doubles the usable context (fine-tune at the longer length).</source>
        <translation>RoPE 位置插值：位置除以该系数，系数 2 使可用上下文加倍（请在更长的长度上微调）。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="474"/>
        <source>Share of the records kept out of training for the eval loss (seeded split); 0 = no evaluation.</source>
        <translation>留出不参与训练、用于计算评估损失的记录比例（按种子划分）；0 = 不评估。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="476"/>
        <source>Accepted records</source>
        <translation>已接受的记录</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="477"/>
        <source>Accepted and pending (all but rejected)</source>
        <translation>已接受和待审（除已拒绝外的全部）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="478"/>
        <source>Alpaca (### Instruction / ### Response)</source>
        <translation>Alpaca（### Instruction / ### Response）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="478"/>
        <source>The model&apos;s own chat template</source>
        <translation>模型自带的对话模板</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="510"/>
        <source>How a record (an instruction, or a whole conversation with its system message) is written into the text the model sees; the model&apos;s own chat template is the one in its tokenizer_config.json. Only the assistant&apos;s replies are learned. The same format is used when you try the result</source>
        <translation>记录（一条指令，或带系统消息的整段对话）如何写成模型看到的文本；模型自带的对话模板即其 tokenizer_config.json 中的模板。只学习助手的回复。试用结果时也使用相同的格式</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="547"/>
        <source>Worker processes that train this run together (data parallel): each takes a share of every batch, the global batch stays batch size × grad accumulation and the result is the same as with one process. On the CPU give each process cores of its own (each gets this machine&apos;s cores divided by the processes as threads); on CUDA run one process per GPU. Needs PyTorch&apos;s torchrun on PATH. For several machines use Run on a cluster…</source>
        <translation>共同训练此运行的工作进程数（数据并行）：每个进程分担每个批次的一部分，全局批次仍为 批大小 × 梯度累积，结果与单进程相同。在 CPU 上应为每个进程分配独占的核心（每个进程的线程数为本机核心数除以进程数）；在 CUDA 上每个 GPU 运行一个进程。需要 PATH 中有 PyTorch 的 torchrun。要使用多台机器，请用“在集群上运行…”。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="553"/>
        <source>Prepare the run as Start does (data, config.json) without starting it, and export the torchrun and Slurm scripts that train it on a cluster; Start here on the run list still trains it on this machine</source>
        <translation>像“开始训练”一样准备运行（数据、config.json）但不启动它，并导出在集群上训练它的 torchrun 和 Slurm 脚本；之后仍可用运行列表中的“在本机开始”在本机训练它</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="479"/>
        <source>ChatML</source>
        <translation>ChatML</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="454"/>
        <source>Processes on this machine:</source>
        <translation>本机进程数：</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="479"/>
        <source>Llama 2 [INST]</source>
        <translation>Llama 2 [INST]</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="479"/>
        <source>Llama 3 header</source>
        <translation>Llama 3 标头</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="480"/>
        <source>Plain text (continued pre-training, loss on every token)</source>
        <translation>纯文本（继续预训练，每个词元都计入损失）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="483"/>
        <source>Drop whole turns from the end</source>
        <translation>从末尾丢弃整轮</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="484"/>
        <source>Split into several examples</source>
        <translation>拆分为多个样例</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="485"/>
        <source>LoRA (low-rank adapters)</source>
        <translation>LoRA（低秩适配）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="485"/>
        <source>Bottleneck adapters</source>
        <translation>瓶颈适配器</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="485"/>
        <source>Prefix tuning</source>
        <translation>前缀微调</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="486"/>
        <source>Full fine-tuning</source>
        <translation>全参数微调</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="489"/>
        <source>Gaussian (PEFT default)</source>
        <translation>高斯（PEFT 默认）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="490"/>
        <source>Kaiming-uniform</source>
        <translation>Kaiming 均匀</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="491"/>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="492"/>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="493"/>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="494"/>
        <location filename="../widgets/training/trainingform.cpp" line="498"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="495"/>
        <source>auto: CUDA if available, else the CPU</source>
        <translation>自动：有 CUDA 则用 CUDA，否则用 CPU</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="496"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="497"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="499"/>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="500"/>
        <source>bf16 autocast</source>
        <translation>bf16 自动混合精度</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="501"/>
        <source>bf16 weights</source>
        <translation>bf16 权重</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="502"/>
        <source>from epochs</source>
        <translation>由轮数决定</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="503"/>
        <location filename="../widgets/training/trainingform.cpp" line="504"/>
        <source>at the end</source>
        <translation>仅在结束时</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="505"/>
        <source>Peak learning rate, e.g. 2e-4 (LoRA) or 2e-5 (full fine-tuning).</source>
        <translation>峰值学习率，例如 2e-4（LoRA）或 2e-5（全参数微调）。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="506"/>
        <source>Copy the command line</source>
        <translation>复制命令行</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="508"/>
        <source>The dataset whose records the run trains on (exported into the run folder at Start)</source>
        <translation>本次运行用其记录进行训练的数据集（开始训练时导出到运行文件夹）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="509"/>
        <source>Accepted records only, or every record not rejected (pending ones too)</source>
        <translation>仅已接受的记录，或所有未被拒绝的记录（包括待审记录）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="514"/>
        <source>Longest example in tokens (prompt + response); longer ones are truncated or, when the prompt alone is longer, left out</source>
        <translation>样例的最大词元数（提示 + 回答）；更长的样例会被截断，若仅提示就超出此长度则被略去</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="516"/>
        <source>A conversation longer than the max length: keep its first turns that fit (a first turn that alone is too long is cut), or split it into several examples of whole turns, each with the earlier turns that fit as context</source>
        <translation>对话长于最大长度时：保留放得下的前几轮（若第一轮本身就过长则截断），或拆分为多个由完整轮次组成的样例，每个样例以放得下的先前轮次作为上下文</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="519"/>
        <source>Concatenate short examples into full rows (attention kept within each example): fewer padding tokens, faster epochs</source>
        <translation>将短样例拼接成完整的行（注意力限制在各样例内部）：填充词元更少，每轮更快</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="521"/>
        <source>Count the prompt tokens in the loss too; by default only the response is learned</source>
        <translation>提示部分的词元也计入损失；默认只学习回答</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="522"/>
        <source>LoRA and adapters train a few added weights, prefix tuning trains virtual key/value tokens, full fine-tuning trains every weight</source>
        <translation>LoRA 和适配器训练少量新增的权重，前缀微调训练虚拟的键/值词元，全参数微调训练全部权重</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="524"/>
        <source>Rank r of the low-rank update B·A: more rank, more trainable parameters</source>
        <translation>低秩更新 B·A 的秩 r：秩越大，可训练参数越多</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="525"/>
        <source>Scale of the update: it is multiplied by alpha / r (alpha / √r with rsLoRA)</source>
        <translation>更新的缩放系数：更新会乘以 alpha / r（使用 rsLoRA 时为 alpha / √r）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="526"/>
        <source>Dropout on the LoRA input during training (0 = none)</source>
        <translation>训练时对 LoRA 输入施加的 Dropout（0 = 不使用）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="527"/>
        <source>How A starts (B starts at zero, so the model starts as the base model)</source>
        <translation>A 的初始化方式（B 初始为零，因此模型一开始与基础模型相同）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="528"/>
        <source>Rank-stabilised LoRA: scale by alpha / √r, which keeps high ranks trainable</source>
        <translation>秩稳定 LoRA：按 alpha / √r 缩放，使较高的秩也能有效训练</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="530"/>
        <source>Put LoRA on every %1 projection</source>
        <translation>在每个 %1 投影上添加 LoRA</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="531"/>
        <source>Width of each adapter&apos;s down-projection</source>
        <translation>每个适配器降维投影的宽度</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="532"/>
        <source>Virtual tokens prepended to every layer&apos;s keys and values; they take positions from the context</source>
        <translation>添加在每层键和值之前的虚拟词元；它们会占用上下文中的位置</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="534"/>
        <source>Train the prefix through a small MLP (more stable); only the result is saved</source>
        <translation>通过一个小型 MLP 训练前缀（更稳定）；只保存最终结果</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="535"/>
        <source>Hidden size of that MLP</source>
        <translation>该 MLP 的隐藏维度</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="536"/>
        <source>Passes over the training records</source>
        <translation>遍历训练记录的轮数</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="537"/>
        <source>Stop after this many optimizer steps (0: as many as the epochs give)</source>
        <translation>优化器执行这么多步后停止（0：由轮数决定）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="538"/>
        <source>Examples per forward/backward pass</source>
        <translation>每次前向/反向传播的样例数</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="539"/>
        <source>Passes whose gradients are summed before one optimizer step (effective batch = batch size × this)</source>
        <translation>每次优化器更新前累加梯度的传播次数（有效批大小 = 批大小 × 此值）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="541"/>
        <source>How the learning rate falls after the warmup</source>
        <translation>预热之后学习率如何下降</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="542"/>
        <source>Share of the steps over which the learning rate rises from 0 to its peak</source>
        <translation>学习率从 0 升至峰值所用步数的比例</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="543"/>
        <source>AdamW&apos;s decoupled weight decay, applied to matrices only</source>
        <translation>AdamW 的解耦权重衰减，只作用于矩阵</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="544"/>
        <source>Clip the gradient to this global norm (0 = no clipping)</source>
        <translation>将梯度裁剪到此全局范数（0 = 不裁剪）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="545"/>
        <source>auto: bf16 autocast on CUDA, fp32 on the CPU</source>
        <translation>自动：CUDA 上用 bf16 自动混合精度，CPU 上用 fp32</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="546"/>
        <source>Recompute each layer&apos;s activations in the backward pass instead of keeping them</source>
        <translation>在反向传播时重新计算每层的激活，而不是保存它们</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="556"/>
        <source>Evaluate on the held-out records every this many steps</source>
        <translation>每隔这么多步在留出的记录上评估一次</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="557"/>
        <source>Write a checkpoint every this many steps (Stop and the end always write one)</source>
        <translation>每隔这么多步写入一个检查点（停止和结束时总会写入）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="558"/>
        <source>Seed of the data split, the shuffle, the initialisation and dropout: the same seed gives the same run</source>
        <translation>数据划分、打乱、初始化和 Dropout 所用的种子：相同的种子得到相同的运行</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="560"/>
        <source>Shown in the run list instead of the run id</source>
        <translation>在运行列表中代替运行编号显示</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="561"/>
        <source>The exact command Start runs; copy it to run the same training from a terminal</source>
        <translation>“开始训练”实际执行的命令；复制后可在终端中运行同样的训练</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingform.cpp" line="562"/>
        <source>Demo defaults for the demo model, recommended defaults otherwise</source>
        <translation>演示模型用演示默认值，其他模型用推荐默认值</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/trainingform.cpp" line="597"/>
        <source>%1 (%n accepted)</source>
        <translation>
            <numerusform>%1（已接受 %n 条）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="218"/>
        <source>%1: not a number (type e.g. 2e-4)</source>
        <translation>%1：不是数字（请输入如 2e-4）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="225"/>
        <source>choose at least one module</source>
        <translation>请至少选择一个模块</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="229"/>
        <location filename="../widgets/training/trainingformconfig.cpp" line="238"/>
        <location filename="../widgets/training/trainingformconfig.cpp" line="243"/>
        <location filename="../widgets/training/trainingformconfig.cpp" line="250"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="243"/>
        <source>this model has no chat template of its own (no chat_template in its tokenizer_config.json); choose ChatML, Llama 2, Llama 3 or Alpaca</source>
        <translation>此模型没有自带的对话模板（其 tokenizer_config.json 中没有 chat_template）；请选择 ChatML、Llama 2、Llama 3 或 Alpaca</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="250"/>
        <source>PyTorch&apos;s torchrun was not found on PATH; install PyTorch (Debian: python3-torch) or set 1 process</source>
        <translation>在 PATH 中找不到 PyTorch 的 torchrun；请安装 PyTorch（Debian：python3-torch），或将进程数设为 1</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="275"/>
        <source>Preparing…</source>
        <translation>准备中…</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="299"/>
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="302"/>
        <source>The demo model is created on the first start; the estimate follows then.</source>
        <translation>演示模型会在第一次开始训练时创建，届时显示估算。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="303"/>
        <source>No config.json in %1.</source>
        <translation>%1 中没有 config.json。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="308"/>
        <source>Cannot read the model: %1</source>
        <translation>无法读取模型：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="362"/>
        <source>Trainable parameters: %1 of %2 (%3%)</source>
        <translation>可训练参数：%1 / %2（%3%）</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/trainingformconfig.cpp" line="366"/>
        <source>Memory estimate per process: %1 (weights %2, gradients %3, optimizer %4, activations %5); × %n processes = %6 on this machine</source>
        <translation>
            <numerusform>每进程内存估算：%1（权重 %2，梯度 %3，优化器 %4，激活 %5）；× %n 个进程 = 本机共 %6</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/trainingformconfig.cpp" line="377"/>
        <source>%n processes × %1 rows per micro-batch (global batch %2 × %3 accumulation = %4 rows per step): the same result as 1 process</source>
        <translation>
            <numerusform>%n 个进程 × 每个微批次 %1 行（全局批次 %2 × 梯度累积 %3 = 每步 %4 行）：结果与单进程相同</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/trainingformconfig.cpp" line="389"/>
        <source>%n processes for %1 CPU cores: on the CPU each process should have a core of its own; more processes than cores only slow the run down.</source>
        <translation>
            <numerusform>%n 个进程对应 %1 个 CPU 核心：在 CPU 上每个进程应有自己独占的核心；进程数多于核心数只会拖慢运行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="395"/>
        <source>PyTorch&apos;s torchrun was not found on PATH: Start needs it for more than one process (Run on a cluster… does not).</source>
        <translation>在 PATH 中找不到 PyTorch 的 torchrun：使用多个进程时，“开始训练”需要它（“在集群上运行…”则不需要）。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="372"/>
        <source>Memory estimate: %1 (weights %2, gradients %3, optimizer %4, activations %5)</source>
        <translation>内存估算：%1（权重 %2，梯度 %3，优化器 %4，激活 %5）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="383"/>
        <source>The batch size is smaller than the number of processes: some processes get no rows.</source>
        <translation>批大小小于进程数：部分进程分不到任何行。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="400"/>
        <source>Context budget: %1 tokens per example (max length %2)</source>
        <translation>上下文预算：每个样例 %1 个词元（最大长度 %2）</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="405"/>
        <source>The prefix takes %1 of the model&apos;s %2 positions: %3 remain for the prompt and the response.</source>
        <translation>前缀占用模型 %2 个位置中的 %1 个：剩余 %3 个留给提示和回答。</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingformconfig.cpp" line="409"/>
        <source>No estimate: %1</source>
        <translation>无法估算：%1</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../widgets/training/trainingpanel.cpp" line="78"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingpanel.cpp" line="79"/>
        <source>Compare configs</source>
        <translation>比较配置</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingpanel.cpp" line="80"/>
        <source>Try the result</source>
        <translation>试用结果</translation>
    </message>
    <message>
        <location filename="../widgets/training/trainingpanel.cpp" line="119"/>
        <source>Fix the form first: %1</source>
        <translation>请先修正表单：%1</translation>
    </message>
</context>
<context>
    <name>TryResult</name>
    <message numerus="yes">
        <location filename="../widgets/training/tryresult.cpp" line="113"/>
        <source>
— %n token(s) in %1 s</source>
        <translation>
            <numerusform>
— %n 个词元，用时 %1 秒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="155"/>
        <source>Prompt:</source>
        <translation>提示：</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="156"/>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="157"/>
        <source>Which weights of the run to generate with: its latest result, final/, best/ (lowest eval loss) or a checkpoint</source>
        <translation>用该运行的哪份权重生成：最新结果、final/、best/（评估损失最低）或某个检查点</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="159"/>
        <source>Max new tokens:</source>
        <translation>最多新词元：</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="160"/>
        <source>Generation stops after this many tokens (or at the end-of-sequence token)</source>
        <translation>生成这么多词元后停止（或在遇到序列结束词元时停止）</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="161"/>
        <source>Beside the base model</source>
        <translation>与基础模型对比</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="162"/>
        <source>Also generate with the base model alone, from the same wrapped prompt, for comparison</source>
        <translation>同时仅用基础模型、以相同的包装后提示生成，以便对比</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="163"/>
        <source>An instruction; it is wrapped in the prompt format the run was trained with</source>
        <translation>一条指令；会按该运行训练时的提示格式包装</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="164"/>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="194"/>
        <source>latest (final, else the newest checkpoint)</source>
        <translation>最新（final，否则为最新的检查点）</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="196"/>
        <source>final</source>
        <translation>最终（final）</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="200"/>
        <source>best</source>
        <translation>最佳（best）</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="201"/>
        <source>best (step %1, eval loss %2)</source>
        <translation>最佳（best，第 %1 步，评估损失 %2）</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="209"/>
        <source>checkpoint, step %1</source>
        <translation>检查点，第 %1 步</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="268"/>
        <source>Type a prompt first.</source>
        <translation>请先输入提示。</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="313"/>
        <source>Generation failed: %1</source>
        <translation>生成失败：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/tryresult.cpp" line="318"/>
        <source>The model produced only whitespace (%n token(s) of spaces or line breaks).</source>
        <translation>
            <numerusform>模型只生成了空白（%n 个由空格或换行组成的词元）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="329"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="329"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="337"/>
        <source>Model of the form</source>
        <translation>表单中的模型</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="338"/>
        <source>Generates with the model of the form.</source>
        <translation>使用表单中的模型生成。</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="341"/>
        <source>Trained: %1</source>
        <translation>训练结果：%1</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="343"/>
        <source>The prompt goes through the base model of %1 and through its trained result, one after the other.</source>
        <translation>提示会先后经过 %1 的基础模型及其训练结果。</translation>
    </message>
    <message>
        <location filename="../widgets/training/tryresult.cpp" line="345"/>
        <source>Generates with the base model of %1 and its trained result.</source>
        <translation>使用 %1 的基础模型及其训练结果生成。</translation>
    </message>
</context>
<context>
    <name>TurnBubble</name>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="241"/>
        <source>%1 · User</source>
        <translation>%1 · 用户</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="241"/>
        <source>%1 · Assistant</source>
        <translation>%1 · 助手</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="242"/>
        <source>What the user says</source>
        <translation>用户说的话</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="242"/>
        <source>What the assistant answers</source>
        <translation>助手的回答</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="244"/>
        <source>Make it an assistant message</source>
        <translation>改为助手消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="244"/>
        <source>Make it a user message</source>
        <translation>改为用户消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="246"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="248"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="250"/>
        <source>Remove this message</source>
        <translation>删除此消息</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="253"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="255"/>
        <location filename="../widgets/curation/turnbubble.cpp" line="258"/>
        <source>A conversation needs a user message: this is the only one</source>
        <translation>对话至少需要一条用户消息：这是唯一的一条</translation>
    </message>
    <message>
        <location filename="../widgets/curation/turnbubble.cpp" line="257"/>
        <source>The only message of the conversation</source>
        <translation>对话中唯一的消息</translation>
    </message>
</context>
<context>
    <name>WorkerRun</name>
    <message>
        <location filename="../widgets/common/workerrun.cpp" line="29"/>
        <location filename="../widgets/common/workerrun.cpp" line="33"/>
        <location filename="../widgets/common/workerrun.cpp" line="84"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../widgets/common/workerrun.cpp" line="35"/>
        <source>the job could not start</source>
        <translation>任务无法启动</translation>
    </message>
    <message>
        <location filename="../widgets/common/workerrun.cpp" line="49"/>
        <source>cannot create a temporary folder</source>
        <translation>无法创建临时文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/common/workerrun.cpp" line="70"/>
        <source>the worker exited with code %1</source>
        <translation>工作进程以代码 %1 退出</translation>
    </message>
</context>
<context>
    <name>WorkspaceCommand</name>
    <message>
        <location filename="../widgets/common/workspacecommand.cpp" line="31"/>
        <source>%1 in “%2”</source>
        <translation>在“%2”中%1</translation>
    </message>
</context>
<context>
    <name>sft::WorkerProcess</name>
    <message>
        <location filename="../backend/workspace/workerprocess.cpp" line="22"/>
        <source>Cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <location filename="../backend/workspace/workerprocess.cpp" line="31"/>
        <source>%1 did not finish in time and was stopped.</source>
        <translation>%1 未能按时完成，已被停止。</translation>
    </message>
    <message>
        <location filename="../backend/workspace/workerprocess.cpp" line="33"/>
        <source>%1 crashed.</source>
        <translation>%1 崩溃了。</translation>
    </message>
    <message>
        <location filename="../backend/workspace/workerprocess.cpp" line="35"/>
        <source>%1 exited with code %2.</source>
        <translation>%1 退出，代码 %2。</translation>
    </message>
</context>
<context>
    <name>sft::runs</name>
    <message>
        <location filename="../backend/workspace/trainingrun.cpp" line="183"/>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <location filename="../backend/workspace/trainingrun.cpp" line="231"/>
        <source>no free TCP port on this machine for the processes to meet on</source>
        <translation>本机没有可供各进程会合的空闲 TCP 端口</translation>
    </message>
</context>
</TS>
