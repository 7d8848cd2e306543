<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CurationPanel</name>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="195" />
        <location filename="../widgets/curationpanel.cpp" line="393" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="212" />
        <location filename="../widgets/curationpanel.cpp" line="379" />
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="214" />
        <location filename="../widgets/curationpanel.cpp" line="381" />
        <source>Any rule</source>
        <translation>任意规则</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="237" />
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curationpanel.cpp" line="243" />
        <source>%n record(s)</source>
        <translation><numerusform>%n 条记录</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="244" />
        <source>Query took %1 ms</source>
        <translation>查询耗时 %1 毫秒</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="303" />
        <source>low quality</source>
        <translation>质量低</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="303" />
        <source>wrong or incomplete answer</source>
        <translation>答案错误或不完整</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="303" />
        <source>near duplicate</source>
        <translation>近似重复</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="304" />
        <source>unsafe or harmful</source>
        <translation>不安全或有害</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="304" />
        <source>off-topic</source>
        <translation>偏离主题</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="304" />
        <source>formatting problem</source>
        <translation>格式问题</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="306" />
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="306" />
        <source>Reason for rejecting:</source>
        <translation>拒绝原因：</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="354" />
        <source>No pending records left in this view.</source>
        <translation>当前视图中没有待审记录了。</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="366" />
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="367" />
        <source>Search instruction, input and output…</source>
        <translation>搜索指令、输入和输出…</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="372" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="373" />
        <source>Pending</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="374" />
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="375" />
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="382" />
        <source>Flagged only</source>
        <translation>仅已标记</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="383" />
        <source>Accept &amp;&amp; next</source>
        <translation>接受并下一条</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="384" />
        <source>Reject…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="385" />
        <source>Back to pending</source>
        <translation>恢复为待审</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="386" />
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="387" />
        <source>Previous</source>
        <translation>上一条</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="388" />
        <source>Next</source>
        <translation>下一条</translation>
    </message>
    <message>
        <location filename="../widgets/curationpanel.cpp" line="389" />
        <source>Next pending</source>
        <translation>下一条待审</translation>
    </message>
</context>
<context>
    <name>DatasetList</name>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="79" />
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="80" />
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="84" />
        <source>Rename dataset</source>
        <translation>重命名数据集</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="84" />
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="90" />
        <source>Delete dataset</source>
        <translation>删除数据集</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="91" />
        <source>Delete the dataset "%1" and its %2 records? This cannot be undone.</source>
        <translation>删除数据集“%1”及其 %2 条记录？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="107" />
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="107" />
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="107" />
        <source>Pending</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="107" />
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../widgets/datasetlist.cpp" line="107" />
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="25" />
        <source>Export dataset "%1"</source>
        <translation>导出数据集“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="27" />
        <source>Alpaca JSON</source>
        <translation>Alpaca JSON</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="28" />
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="29" />
        <source>ShareGPT</source>
        <translation>ShareGPT</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="30" />
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="32" />
        <source>Only accepted records</source>
        <translation>仅已接受的记录</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="39" />
        <source>no split</source>
        <translation>不划分</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="45" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="53" />
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="55" />
        <source>Validation share:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="56" />
        <source>Split seed:</source>
        <translation>划分随机种子：</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="57" />
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="60" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="86" />
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="94" />
        <source>Writes one file.</source>
        <translation>将写入一个文件。</translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="98" />
        <source>Writes %1 and %2.</source>
        <translation>将写入 %1 和 %2。</translation>
    </message>
</context>
<context>
    <name>LcsCompareView</name>
    <message>
        <location filename="../widgets/lcscompareview.cpp" line="160" />
        <source>Rejected record</source>
        <translation>被拒绝的记录</translation>
    </message>
    <message>
        <location filename="../widgets/lcscompareview.cpp" line="161" />
        <source>Nearest kept record</source>
        <translation>最相近的保留记录</translation>
    </message>
    <message>
        <location filename="../widgets/lcscompareview.cpp" line="162" />
        <source>Select a result to compare it with its nearest kept record.</source>
        <translation>选择一条结果，与其最相近的保留记录对比。</translation>
    </message>
    <message>
        <location filename="../widgets/lcscompareview.cpp" line="165" />
        <source>Record %1 (rejected)</source>
        <translation>记录 %1（被拒绝）</translation>
    </message>
    <message>
        <location filename="../widgets/lcscompareview.cpp" line="166" />
        <source>Record %1 (nearest kept)</source>
        <translation>记录 %1（最相近的保留记录）</translation>
    </message>
    <message>
        <location filename="../widgets/lcscompareview.cpp" line="167" />
        <source>ROUGE-L F %1: a common subsequence of %2 tokens (highlighted) in %3 and %4 tokens.</source>
        <translation>ROUGE-L F %1：在 %3 和 %4 个词元中有 %2 个词元的公共子序列（高亮显示）。</translation>
    </message>
    <message>
        <location filename="../widgets/lcscompareview.cpp" line="174" />
        <source>Record %1</source>
        <translation>记录 %1</translation>
    </message>
    <message>
        <location filename="../widgets/lcscompareview.cpp" line="176" />
        <source>Rejected by a rule: %1</source>
        <translation>被规则拒绝：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="157" />
        <source>About SFT Workbench</source>
        <translation>关于 SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="158" />
        <source>&lt;h3&gt;SFT Workbench %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for supervised fine-tuning of large language models: curate instruction data, design prompts, fine-tune with LoRA, adapters or prefixes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SFT 工作台 %1&lt;/h3&gt;&lt;p&gt;大语言模型有监督微调的桌面工作台：整理指令数据、设计提示、用 LoRA、适配器或前缀进行微调。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="167" />
        <source>Curation</source>
        <translation>数据整理</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="168" />
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="169" />
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="170" />
        <source>Activity</source>
        <translation>活动日志</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="171" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="172" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="173" />
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="174" />
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="175" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="176" />
        <source>&amp;Import dataset…</source>
        <translation>导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="177" />
        <source>&amp;Export dataset…</source>
        <translation>导出数据集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="178" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="179" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="180" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="181" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="182" />
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="183" />
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="184" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="185" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="186" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="187" />
        <source>&amp;About SFT Workbench</source>
        <translation>关于 SFT 工作台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="201" />
        <source>no workspace</source>
        <translation>无工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="202" />
        <source>%1 — SFT Workbench</source>
        <translation>%1 — SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="224" />
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="240" />
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="248" />
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="248" />
        <source>Wait for "%1" to finish, or cancel it.</source>
        <translation>请等待“%1”完成，或取消它。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="275" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="280" />
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="282" />
        <source>%1 failed</source>
        <translation>%1 失败</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="285" />
        <source>%1 cancelled; nothing was changed.</source>
        <translation>%1 已取消，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="297" />
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="301" />
        <source>imported %n record(s) in %1 s</source>
        <translation><numerusform>已导入 %n 条记录，用时 %1 秒</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="320" />
        <source>Search index</source>
        <translation>搜索索引</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="322" />
        <source>indexed %n record(s) for search</source>
        <translation><numerusform>已为 %n 条记录建立搜索索引</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="326" />
        <source>Indexing for search: %1%</source>
        <translation>正在建立搜索索引：%1%</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="340" />
        <source>Search index: %1</source>
        <translation>搜索索引：%1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="349" />
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="350" />
        <source>SFT Workbench workspaces (*.sftws)</source>
        <translation>SFT 工作台工作区 (*.sftws)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="357" />
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="358" />
        <source>SFT Workbench workspaces (*.sftws);;All files (*)</source>
        <translation>SFT 工作台工作区 (*.sftws);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="366" />
        <source>Import dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="367" />
        <source>Datasets (*.json *.jsonl *.csv);;Alpaca or ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;All files (*)</source>
        <translation>数据集 (*.json *.jsonl *.csv);;Alpaca 或 ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="383" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="385" />
        <source>wrote %1 train and %2 validation records to %3</source>
        <translation>已将 %1 条训练记录和 %2 条验证记录写入 %3</translation>
    </message>
</context>
<context>
    <name>QualityPanel</name>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="249" />
        <source>%1: the parameters are not valid JSON (%2)</source>
        <translation>%1：参数不是有效的 JSON（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="251" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="310" />
        <source>Quality check</source>
        <translation>质量检查</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="312" />
        <source>%1 records checked, %2 would be rejected (%3 s)</source>
        <translation>已检查 %1 条记录，%2 条将被拒绝（%3 秒）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="465" />
        <source>Quality check: reject %1 records</source>
        <translation>质量检查：拒绝 %1 条记录</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="476" />
        <source>Quality check: rejected %1 records</source>
        <translation>质量检查：已拒绝 %1 条记录</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="500" />
        <source>ROUGE-L near-duplicate</source>
        <translation>ROUGE-L 近似重复</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="502" />
        <source>Empty output</source>
        <translation>输出为空</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="504" />
        <source>Instruction length</source>
        <translation>指令长度</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="506" />
        <source>Keyword blacklist (Self-Instruct/Alpaca)</source>
        <translation>关键词黑名单（Self-Instruct/Alpaca）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="508" />
        <source>Keyword blacklist (BELLE, Chinese)</source>
        <translation>关键词黑名单（BELLE，中文）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="510" />
        <source>Asks to write a program</source>
        <translation>要求编写程序</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="512" />
        <source>Starts with punctuation</source>
        <translation>以标点开头</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="514" />
        <source>Output repeats the input</source>
        <translation>输出重复输入</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="516" />
        <source>Heavy repetition</source>
        <translation>大量重复</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="526" />
        <source>The field is empty or only whitespace.</source>
        <translation>该字段为空或只有空白。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="528" />
        <source>Too few or too many words (Self-Instruct/Alpaca keep 4 to 150); text with Chinese characters counts characters instead (BELLE drops 3 or fewer).</source>
        <translation>词数过少或过多（Self-Instruct/Alpaca 保留 4 到 150 个词）；含中文的文本改为计字符数（BELLE 去掉 3 个字符及以下的）。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="531" />
        <source>Contains one of the words (whole words, ignoring case), as Alpaca's filter.</source>
        <translation>包含其中某个词（整词匹配，不区分大小写），同 Alpaca 的过滤器。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="533" />
        <source>Contains one of the strings (plain substring, case-sensitive), as BELLE's generator.</source>
        <translation>包含其中某个字符串（普通子串，区分大小写），同 BELLE 的生成器。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="535" />
        <source>Starts with one of the prefixes (case-sensitive), as Alpaca's "Write a program" rule.</source>
        <translation>以其中某个前缀开头（区分大小写），同 Alpaca 的“Write a program”规则。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="537" />
        <source>The first character is punctuation; with non_ascii also when it is not ASCII.</source>
        <translation>首字符是标点；设置 non_ascii 时首字符不是 ASCII 也算。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="539" />
        <source>A non-empty input equal to the output.</source>
        <translation>非空的输入与输出相同。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="541" />
        <source>The share of repeated n-grams is above max_share.</source>
        <translation>重复 n 元组的比例高于 max_share。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="550" />
        <source>Records:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="551" />
        <source>Pending and accepted</source>
        <translation>待定和已接受</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="552" />
        <source>Accepted only</source>
        <translation>仅已接受</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="553" />
        <source>Whole dataset</source>
        <translation>整个数据集</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="554" />
        <source>Records already rejected are never changed; with "Whole dataset" they still count as earlier records for the near-duplicate filter.</source>
        <translation>已拒绝的记录永远不会被更改；选择“整个数据集”时，它们仍作为近似重复过滤的先前记录参与比较。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="556" />
        <source>Compare:</source>
        <translation>比较：</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="557" />
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="558" />
        <source>Instruction + input</source>
        <translation>指令 + 输入</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="559" />
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="560" />
        <source>Tokenizer:</source>
        <translation>分词器：</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="561" />
        <source>rouge (English words)</source>
        <translation>rouge（英文单词）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="562" />
        <source>cjk (also Chinese characters)</source>
        <translation>cjk（同时按汉字切分）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="563" />
        <source>Porter stemming</source>
        <translation>Porter 词干提取</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="564" />
        <source>Threshold:</source>
        <translation>阈值：</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="565" />
        <source>A record is rejected when its ROUGE-L F with an earlier kept record is above this.</source>
        <translation>记录与某条先前保留记录的 ROUGE-L F 值高于此值时被拒绝。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="566" />
        <source>Near-duplicate filter (ROUGE-L)</source>
        <translation>近似重复过滤（ROUGE-L）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="567" />
        <source>Heuristic rules (run first; edit parameters as JSON)</source>
        <translation>启发式规则（先运行；参数以 JSON 编辑）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="568" />
        <location filename="../widgets/qualitypanel.cpp" line="584" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="568" />
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="578" />
        <source>Cancel check</source>
        <translation>取消检查</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="578" />
        <source>Run check</source>
        <translation>运行检查</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="579" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="580" />
        <source>Reject the listed records (one undo step)</source>
        <translation>拒绝列出的记录（一步即可撤销）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="581" />
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="582" />
        <source>Similarity to earlier kept records</source>
        <translation>与先前保留记录的相似度</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="583" />
        <source>Would be rejected</source>
        <translation>将被拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="584" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="584" />
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="584" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="596" />
        <source>Choose the options and run the check. Nothing changes until you apply the result.</source>
        <translation>选择选项并运行检查。在应用结果之前不会做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="597" />
        <source>Choose a dataset in the Curation tab.</source>
        <translation>请在“数据整理”标签页中选择数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="600" />
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="603" />
        <source>Preview: %1 records checked; %2 rejected by rules, %3 near-duplicates (ROUGE-L above %4); %5 already rejected stay as they are. Nothing has changed yet: Apply rejects them in one undo step.</source>
        <translation>预览：已检查 %1 条记录；规则拒绝 %2 条，近似重复 %3 条（ROUGE-L 高于 %4）；%5 条已拒绝的记录保持不变。尚未做任何更改：点击“应用”将一次性拒绝它们（一步即可撤销）。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="612" />
        <source>Rejected %1 records. Edit ▸ Undo restores them.</source>
        <translation>已拒绝 %1 条记录。编辑 ▸ 撤销可恢复。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="615" />
        <source>The check was cancelled; nothing was changed.</source>
        <translation>检查已取消，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="618" />
        <source>The check failed: %1</source>
        <translation>检查失败：%1</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="126" />
        <location filename="../widgets/recordeditor.cpp" line="185" />
        <source>No record selected.</source>
        <translation>未选择记录。</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="134" />
        <source>Record %1 · %2</source>
        <translation>记录 %1 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="136" />
        <source> · flagged</source>
        <translation> · 已标记</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="138" />
        <source> · reason: %1</source>
        <translation> · 原因：%1</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="138" />
        <source> · rule %1: %2</source>
        <translation> · 规则 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="141" />
        <source>Source: %1 · modified %2</source>
        <translation>来源：%1 · 修改于 %2</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="141" />
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="177" />
        <source>&amp;Instruction</source>
        <translation>指令(&amp;I)</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="178" />
        <source>I&amp;nput</source>
        <translation>输入(&amp;N)</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="179" />
        <source>&amp;Output</source>
        <translation>输出(&amp;O)</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="180" />
        <source>Ta&amp;gs (comma separated)</source>
        <translation>标签(&amp;G)（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../widgets/recordeditor.cpp" line="181" />
        <source>Not&amp;e</source>
        <translation>备注(&amp;E)</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="210" />
        <source>Rejected: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="233" />
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="234" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="235" />
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="236" />
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="237" />
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="238" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>SetFieldCommand</name>
    <message>
        <location filename="../widgets/undo/setfieldcommand.cpp" line="9" />
        <source>instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/undo/setfieldcommand.cpp" line="10" />
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../widgets/undo/setfieldcommand.cpp" line="11" />
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/undo/setfieldcommand.cpp" line="12" />
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../widgets/undo/setfieldcommand.cpp" line="13" />
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../widgets/undo/setfieldcommand.cpp" line="24" />
        <source>Edit %1 of record %2</source>
        <translation>编辑记录 %2 的%1</translation>
    </message>
</context>
<context>
    <name>SetFlagCommand</name>
    <message numerus="yes">
        <location filename="../widgets/undo/setflagcommand.cpp" line="12" />
        <source>Flag %n records</source>
        <translation><numerusform>标记 %n 条记录</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/undo/setflagcommand.cpp" line="13" />
        <source>Unflag %n records</source>
        <translation><numerusform>取消标记 %n 条记录</numerusform></translation>
    </message>
</context>
<context>
    <name>SetStatusCommand</name>
    <message>
        <location filename="../widgets/undo/setstatuscommand.cpp" line="14" />
        <source>Mark record %1 %2</source>
        <translation>将记录 %1 标为%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/undo/setstatuscommand.cpp" line="16" />
        <source>Mark %n records %1</source>
        <translation><numerusform>将 %n 条记录标为%1</numerusform></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../widgets/settingsdialog.cpp" line="13" />
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../widgets/settingsdialog.cpp" line="15" />
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../widgets/settingsdialog.cpp" line="20" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
</context>
<context>
    <name>SimilarityHistogram</name>
    <message>
        <location filename="../widgets/similarityhistogram.cpp" line="136" />
        <source>Highest ROUGE-L with an earlier kept record</source>
        <translation>与先前保留记录的最高 ROUGE-L</translation>
    </message>
    <message>
        <location filename="../widgets/similarityhistogram.cpp" line="137" />
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../widgets/similarityhistogram.cpp" line="138" />
        <source>Use this threshold</source>
        <translation>使用此阈值</translation>
    </message>
    <message>
        <location filename="../widgets/similarityhistogram.cpp" line="139" />
        <source>Set the threshold of the next run to the line's value</source>
        <translation>将下次运行的阈值设为竖线所在的值</translation>
    </message>
    <message>
        <location filename="../widgets/similarityhistogram.cpp" line="141" />
        <source>Run a check to see the distribution of similarities.</source>
        <translation>运行检查以查看相似度分布。</translation>
    </message>
    <message>
        <location filename="../widgets/similarityhistogram.cpp" line="143" />
        <source>Preview at %1: %2 of %3 records have a best score above the line. Run the check again to apply a new threshold.</source>
        <translation>预览（%1）：%3 条记录中有 %2 条的最高分高于竖线。要使用新阈值，请再次运行检查。</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <location filename="../widgets/statustext.cpp" line="6" />
        <source>pending</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../widgets/statustext.cpp" line="7" />
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../widgets/statustext.cpp" line="8" />
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>sft::WorkerProcess</name>
    <message>
        <location filename="../backend/workspace/workerprocess.cpp" line="22" />
        <source>Cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <location filename="../backend/workspace/workerprocess.cpp" line="31" />
        <source>%1 did not finish in time and was stopped.</source>
        <translation>%1 未能按时完成，已被停止。</translation>
    </message>
    <message>
        <location filename="../backend/workspace/workerprocess.cpp" line="33" />
        <source>%1 crashed.</source>
        <translation>%1 崩溃了。</translation>
    </message>
    <message>
        <location filename="../backend/workspace/workerprocess.cpp" line="35" />
        <source>%1 exited with code %2.</source>
        <translation>%1 退出，代码 %2。</translation>
    </message>
</context>
</TS>