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
    <name>MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="147" />
        <source>About SFT Workbench</source>
        <translation>关于 SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="148" />
        <source>&lt;h3&gt;SFT Workbench %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for supervised fine-tuning of large language models: curate instruction data, design prompts, fine-tune with LoRA, adapters or prefixes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SFT 工作台 %1&lt;/h3&gt;&lt;p&gt;大语言模型有监督微调的桌面工作台：整理指令数据、设计提示、用 LoRA、适配器或前缀进行微调。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="157" />
        <source>Curation</source>
        <translation>数据整理</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="158" />
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="159" />
        <source>Activity</source>
        <translation>活动日志</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="160" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="161" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="162" />
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="163" />
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="164" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="165" />
        <source>&amp;Import dataset…</source>
        <translation>导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="166" />
        <source>&amp;Export dataset…</source>
        <translation>导出数据集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="167" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="168" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="169" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="170" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="171" />
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="172" />
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="173" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="174" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="175" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="176" />
        <source>&amp;About SFT Workbench</source>
        <translation>关于 SFT 工作台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="190" />
        <source>no workspace</source>
        <translation>无工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="191" />
        <source>%1 — SFT Workbench</source>
        <translation>%1 — SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="213" />
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="227" />
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="235" />
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="235" />
        <source>Wait for "%1" to finish, or cancel it.</source>
        <translation>请等待“%1”完成，或取消它。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="262" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="267" />
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="269" />
        <source>%1 failed</source>
        <translation>%1 失败</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="272" />
        <source>%1 cancelled; nothing was changed.</source>
        <translation>%1 已取消，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="284" />
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="288" />
        <source>imported %n record(s) in %1 s</source>
        <translation><numerusform>已导入 %n 条记录，用时 %1 秒</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="307" />
        <source>Search index</source>
        <translation>搜索索引</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="309" />
        <source>indexed %n record(s) for search</source>
        <translation><numerusform>已为 %n 条记录建立搜索索引</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="313" />
        <source>Indexing for search: %1%</source>
        <translation>正在建立搜索索引：%1%</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="327" />
        <source>Search index: %1</source>
        <translation>搜索索引：%1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="336" />
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="337" />
        <source>SFT Workbench workspaces (*.sftws)</source>
        <translation>SFT 工作台工作区 (*.sftws)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="344" />
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="345" />
        <source>SFT Workbench workspaces (*.sftws);;All files (*)</source>
        <translation>SFT 工作台工作区 (*.sftws);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="353" />
        <source>Import dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="354" />
        <source>Datasets (*.json *.jsonl *.csv);;Alpaca or ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;All files (*)</source>
        <translation>数据集 (*.json *.jsonl *.csv);;Alpaca 或 ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="370" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="372" />
        <source>wrote %1 train and %2 validation records to %3</source>
        <translation>已将 %1 条训练记录和 %2 条验证记录写入 %3</translation>
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
        <location filename="../widgets/recordtablemodel.cpp" line="209" />
        <source>Rejected: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="232" />
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="233" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="234" />
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="235" />
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="236" />
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/recordtablemodel.cpp" line="237" />
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
</TS>