<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccuracyPlot</name>
    <message>
        <location filename="../widgets/accuracyplot.cpp" line="82" />
        <source>Demonstrations (k)</source>
        <translation>示例数 (k)</translation>
    </message>
    <message>
        <location filename="../widgets/accuracyplot.cpp" line="83" />
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../widgets/accuracyplot.cpp" line="84" />
        <source>mean over orders</source>
        <translation>各顺序的平均值</translation>
    </message>
    <message>
        <location filename="../widgets/accuracyplot.cpp" line="85" />
        <source>min–max over orders</source>
        <translation>各顺序的最小–最大值</translation>
    </message>
    <message>
        <location filename="../widgets/accuracyplot.cpp" line="86" />
        <source>each run</source>
        <translation>每次运行</translation>
    </message>
</context>
<context>
    <name>ConfigDiffView</name>
    <message>
        <location filename="../widgets/configdiffview.cpp" line="134" />
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <location filename="../widgets/configdiffview.cpp" line="147" />
        <source>Not set in this run</source>
        <translation>此运行未设置</translation>
    </message>
    <message>
        <location filename="../widgets/configdiffview.cpp" line="171" />
        <source>Show all settings</source>
        <translation>显示全部设置</translation>
    </message>
    <message>
        <location filename="../widgets/configdiffview.cpp" line="172" />
        <source>These runs use the same settings.</source>
        <translation>这些运行使用相同的设置。</translation>
    </message>
</context>
<context>
    <name>ConfusionHeatmap</name>
    <message>
        <location filename="../widgets/confusionheatmap.cpp" line="83" />
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../widgets/confusionheatmap.cpp" line="84" />
        <source>Gold</source>
        <translation>标准答案</translation>
    </message>
</context>
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
    <name>EditTemplateCommand</name>
    <message>
        <location filename="../widgets/undo/edittemplatecommand.cpp" line="8" />
        <source>Edit prompt template</source>
        <translation>编辑提示模板</translation>
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
    <name>IclPanel</name>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="193" />
        <location filename="../widgets/iclpanel.cpp" line="397" />
        <source>Reorder demonstrations</source>
        <translation>调整示例顺序</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="197" />
        <source>Enable or disable a demonstration</source>
        <translation>启用或停用示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="212" />
        <source>Edit demonstration %1</source>
        <translation>编辑示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="221" />
        <source>Edit demo format</source>
        <translation>编辑示例格式</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="226" />
        <source>Edit separator</source>
        <translation>编辑分隔符</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="231" />
        <source>Edit instruction header</source>
        <translation>编辑指令开头</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="243" />
        <source>Add demonstrations from the dataset</source>
        <translation>从数据集添加示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="253" />
        <source>Remove demonstration %1</source>
        <translation>删除示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="273" />
        <source>Export demonstrations</source>
        <translation>导出示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="273" />
        <source>Import demonstrations</source>
        <translation>导入示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="273" />
        <source>demonstration set name</source>
        <translation>示例集名称</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="274" />
        <source>Demonstrations (drag to reorder, check to use)</source>
        <translation>示例（拖动调整顺序，勾选以使用）</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="275" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="276" />
        <source>Add accepted records</source>
        <translation>添加已接受的记录</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="277" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="278" />
        <source>Input:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="279" />
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="280" />
        <source>Demo format:</source>
        <translation>示例格式：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="281" />
        <source>Separator:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="282" />
        <source>Written between demonstrations; type \n for a line break.</source>
        <translation>写在示例之间；输入 \n 表示换行。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="283" />
        <source>Instruction header:</source>
        <translation>指令开头：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="284" />
        <source>optional, e.g. Classify the sentiment of each input.</source>
        <translation>可选，例如：判断每条输入的情感。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="285" />
        <source>Select demos:</source>
        <translation>示例选择：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="286" />
        <source>manual (checked, in list order)</source>
        <translation>手动（已勾选的，按列表顺序）</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="287" />
        <source>random, with seed</source>
        <translation>随机（指定种子）</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="288" />
        <source>nearest by ROUGE-L</source>
        <translation>ROUGE-L 最近邻</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="289" />
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="290" />
        <source>k:</source>
        <translation>k：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="291" />
        <source>Test input:</source>
        <translation>测试输入：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="292" />
        <source>Assembled prompt</source>
        <translation>拼接后的提示</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="293" />
        <source>Run on the dataset</source>
        <translation>在数据集上运行</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="294" />
        <source>k values:</source>
        <translation>k 值：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="295" />
        <source>Orders per k:</source>
        <translation>每个 k 的顺序数：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="296" />
        <source>Test records:</source>
        <translation>测试记录数：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="297" />
        <source>Contextual calibration</source>
        <translation>上下文校准</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="299" />
        <source>This is the demo model: tiny and only briefly pre-trained, so its accuracy is meaningless, but every step runs. It is created on the first run.</source>
        <translation>这是演示模型：很小，只做过短暂的预训练，因此其准确率没有意义，但每个步骤都能运行。它在第一次运行时创建。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="301" />
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="301" />
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="301" />
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="301" />
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="301" />
        <source>Std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="301" />
        <source>Runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="305" />
        <source>Each k runs with several demo orders: in-context learning is order-sensitive.</source>
        <translation>每个 k 都用多种示例顺序运行：上下文学习对顺序敏感。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="339" />
        <source>type a test input</source>
        <translation>输入一条测试文本</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="370" />
        <source>Add demonstration</source>
        <translation>添加示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="384" />
        <source>Use demonstration %1</source>
        <translation>使用示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="384" />
        <source>Leave out demonstration %1</source>
        <translation>不使用示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="536" />
        <source>The demo format needs both [X] (the input) and [Z] (the output).</source>
        <translation>示例格式需要同时包含 [X]（输入）和 [Z]（输出）。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="538" />
        <source>The demo format can only use [X] and [Z], not [%1].</source>
        <translation>示例格式只能使用 [X] 和 [Z]，不能使用 [%1]。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="540" />
        <source>Syntax error: %1</source>
        <translation>语法错误：%1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="542" />
        <source>Format OK.</source>
        <translation>格式正确。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="548" />
        <source>Labels (the outputs of the checked demonstrations): %1</source>
        <translation>标签（已勾选示例的输出）：%1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="549" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/iclpanel.cpp" line="582" />
        <source>%n token(s)</source>
        <translation><numerusform>%n 个词元</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/iclpanel.cpp" line="582" />
        <source>≈ %n token(s) (estimate)</source>
        <translation><numerusform>≈ %n 个词元（估计）</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="584" />
        <source> of a %1-token context window</source>
        <translation>，上下文窗口为 %1 个词元</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="665" />
        <source>demonstrations %1</source>
        <translation>示例集 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="675" />
        <source>Saved demonstration set "%1".</source>
        <translation>已保存示例集“%1”。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="686" />
        <source>Load demonstration set "%1"</source>
        <translation>加载示例集“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="705" />
        <source>Exported the demonstrations to %1.</source>
        <translation>已将示例导出到 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="715" />
        <source>Cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="718" />
        <source>Import demonstration set "%1"</source>
        <translation>导入示例集“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="215" />
        <source>k values must be a list of numbers such as 0,1,2,4.</source>
        <translation>k 值必须是数字列表，例如 0,1,2,4。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="217" />
        <source>Check demonstrations with at least two different outputs (they are the labels).</source>
        <translation>请勾选至少有两种不同输出的示例（输出即标签）。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="219" />
        <source>Choose a dataset to test on.</source>
        <translation>请选择用于测试的数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="221" />
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="280" />
        <source>the worker exited with code %1</source>
        <translation>工作进程以代码 %1 退出</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="292" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/iclpanelrun.cpp" line="308" />
        <source>In-context run finished: %n run(s).</source>
        <translation><numerusform>上下文学习运行完成：共 %n 次运行。</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="310" />
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="311" />
        <source>In-context run failed: %1</source>
        <translation>上下文学习运行失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="318" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="318" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/iclpanelrun.cpp" line="339" />
        <source>%n run(s); the widest spread over demo orders at one k is %1.</source>
        <translation><numerusform>共 %n 次运行；同一 k 下不同示例顺序的最大差距为 %1。</numerusform></translation>
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
        <location filename="../widgets/mainwindow.cpp" line="191" />
        <source>About SFT Workbench</source>
        <translation>关于 SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="192" />
        <source>&lt;h3&gt;SFT Workbench %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for supervised fine-tuning of large language models: curate instruction data, design prompts, fine-tune with LoRA, adapters or prefixes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SFT 工作台 %1&lt;/h3&gt;&lt;p&gt;大语言模型有监督微调的桌面工作台：整理指令数据、设计提示、用 LoRA、适配器或前缀进行微调。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="201" />
        <source>Curation</source>
        <translation>数据整理</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="202" />
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="203" />
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="204" />
        <source>In-context</source>
        <translation>上下文学习</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="205" />
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="206" />
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="207" />
        <source>Activity</source>
        <translation>活动日志</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="208" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="209" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="210" />
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="211" />
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="212" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="213" />
        <source>&amp;Import dataset…</source>
        <translation>导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="214" />
        <source>&amp;Export dataset…</source>
        <translation>导出数据集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="215" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="216" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="217" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="218" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="219" />
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="220" />
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="221" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="222" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="223" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="224" />
        <source>&amp;About SFT Workbench</source>
        <translation>关于 SFT 工作台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="238" />
        <source>no workspace</source>
        <translation>无工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="239" />
        <source>%1 — SFT Workbench</source>
        <translation>%1 — SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="261" />
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="283" />
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="291" />
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="291" />
        <source>Wait for "%1" to finish, or cancel it.</source>
        <translation>请等待“%1”完成，或取消它。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="318" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="323" />
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="325" />
        <source>%1 failed</source>
        <translation>%1 失败</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="328" />
        <source>%1 cancelled; nothing was changed.</source>
        <translation>%1 已取消，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="340" />
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="344" />
        <source>imported %n record(s) in %1 s</source>
        <translation><numerusform>已导入 %n 条记录，用时 %1 秒</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="363" />
        <source>Search index</source>
        <translation>搜索索引</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="365" />
        <source>indexed %n record(s) for search</source>
        <translation><numerusform>已为 %n 条记录建立搜索索引</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="369" />
        <source>Indexing for search: %1%</source>
        <translation>正在建立搜索索引：%1%</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="383" />
        <source>Search index: %1</source>
        <translation>搜索索引：%1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="392" />
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="393" />
        <source>SFT Workbench workspaces (*.sftws)</source>
        <translation>SFT 工作台工作区 (*.sftws)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="400" />
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="401" />
        <source>SFT Workbench workspaces (*.sftws);;All files (*)</source>
        <translation>SFT 工作台工作区 (*.sftws);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="409" />
        <source>Import dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="410" />
        <source>Datasets (*.json *.jsonl *.csv);;Alpaca or ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;All files (*)</source>
        <translation>数据集 (*.json *.jsonl *.csv);;Alpaca 或 ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="426" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="428" />
        <source>wrote %1 train and %2 validation records to %3</source>
        <translation>已将 %1 条训练记录和 %2 条验证记录写入 %3</translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="213" />
        <source>label %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <location filename="../widgets/modelfolderrow.cpp" line="34" />
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="323" />
        <source>Export prompt template</source>
        <translation>导出提示模板</translation>
    </message>
    <message>
        <location filename="../widgets/saveditembar.cpp" line="46" />
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="323" />
        <source>Import prompt template</source>
        <translation>导入提示模板</translation>
    </message>
    <message>
        <location filename="../widgets/saveditembar.cpp" line="52" />
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/saveditembar.cpp" line="76" />
        <source>Saved:</source>
        <translation>已保存：</translation>
    </message>
    <message>
        <location filename="../widgets/saveditembar.cpp" line="77" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="323" />
        <source>template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <location filename="../widgets/saveditembar.cpp" line="78" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../widgets/saveditembar.cpp" line="79" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/saveditembar.cpp" line="80" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../widgets/saveditembar.cpp" line="81" />
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="324" />
        <source>Template ([X] input, [Z] answer, [instruction] / [input] / [output] record fields)</source>
        <translation>模板（[X] 输入，[Z] 答案，[instruction] / [input] / [output] 为记录字段）</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="325" />
        <source>Answer space and verbalizer</source>
        <translation>答案空间与标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="326" />
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="326" />
        <source>Answers (separate with /)</source>
        <translation>答案（用 / 分隔）</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="327" />
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="328" />
        <source>Remove label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="329" />
        <source>Contextual calibration</source>
        <translation>上下文校准</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="330" />
        <source>Answer score:</source>
        <translation>答案得分：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="331" />
        <source>sum of token log-probs</source>
        <translation>词元对数概率之和</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="332" />
        <source>mean per token</source>
        <translation>每词元平均</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="333" />
        <source>Label score:</source>
        <translation>标签得分：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="334" />
        <source>best answer (max)</source>
        <translation>最佳答案（最大值）</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="335" />
        <source>sum of probabilities</source>
        <translation>概率之和</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="336" />
        <source>mean of answers</source>
        <translation>答案平均</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="337" />
        <source>Records:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="338" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="339" />
        <source>accepted only</source>
        <translation>仅已接受</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="340" />
        <source>At most:</source>
        <translation>最多：</translation>
    </message>
    <message>
        <location filename="../widgets/modelfolderrow.cpp" line="59" />
        <source>Model folder:</source>
        <translation>模型文件夹：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="341" />
        <source>a Hugging Face model folder (config.json, *.safetensors, tokenizer.json)</source>
        <translation>Hugging Face 模型文件夹（config.json、*.safetensors、tokenizer.json）</translation>
    </message>
    <message>
        <location filename="../widgets/modelfolderrow.cpp" line="60" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="345" />
        <source>Preview f_fill(x, z), z = the first answer</source>
        <translation>预览 f_fill(x, z)，z 为第一个答案</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="346" />
        <source>Record:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="347" />
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="348" />
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="349" />
        <source>Examples</source>
        <translation>样例</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="350" />
        <source>Compare templates</source>
        <translation>模板对比</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="351" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="351" />
        <source>Gold</source>
        <translation>标准答案</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="351" />
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="351" />
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="352" />
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="352" />
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="352" />
        <source>Macro-F1</source>
        <translation>宏 F1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="353" />
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="354" />
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="361" />
        <source>Run scores every record: its output is the gold label.</source>
        <translation>运行会为每条记录打分：记录的输出即标准标签。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="342" />
        <source>This is the demo model: tiny and only briefly pre-trained, so its scores are meaningless, but every step runs. It is created on the first run. Choose a real Hugging Face model folder for real results.</source>
        <translation>这是演示模型：很小，只做过短暂的预训练，因此其分数没有意义，但每个步骤都能运行。它在第一次运行时创建。要获得真实结果，请选择真正的 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="426" />
        <source>Edit verbalizer</source>
        <translation>编辑标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="433" />
        <source>Change scoring options</source>
        <translation>更改打分选项</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="519" />
        <source>Column %1: "[%2" is not closed; write [%2] for a slot, or [[ for a literal bracket.</source>
        <translation>第 %1 列：“[%2”没有闭合；槽位请写成 [%2]，字面方括号请写 [[。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="523" />
        <source>The template needs the answer slot [Z].</source>
        <translation>模板需要答案槽位 [Z]。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="527" />
        <source>Unknown slot [%1]: records have the fields [instruction], [input] and [output].</source>
        <translation>未知槽位 [%1]：记录只有 [instruction]、[input] 和 [output] 字段。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="532" />
        <source>No input slot [X]: every record gets the same prompt.</source>
        <translation>没有输入槽位 [X]：每条记录得到的提示都相同。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="534" />
        <source>Syntax error: %1</source>
        <translation>语法错误：%1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="543" />
        <source>Template OK.</source>
        <translation>模板正确。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="558" />
        <source>Add at least two labels.</source>
        <translation>请至少添加两个标签。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/promptpanel.cpp" line="564" />
        <source>%n label(s).</source>
        <translation><numerusform>%n 个标签。</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="595" />
        <source>No record to preview: choose a dataset.</source>
        <translation>没有可预览的记录：请选择数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="610" />
        <source>Record %1; gold label: %2</source>
        <translation>记录 %1；标准标签：%2</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="639" />
        <source>template %1</source>
        <translation>模板 %1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="653" />
        <source>Saved prompt template "%1".</source>
        <translation>已保存提示模板“%1”。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="665" />
        <source>Load prompt template "%1"</source>
        <translation>加载提示模板“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="669" />
        <source>Load verbalizer</source>
        <translation>加载标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="694" />
        <source>Exported the prompt template to %1.</source>
        <translation>已将提示模板导出到 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="704" />
        <source>Cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="708" />
        <source>Import prompt template "%1"</source>
        <translation>导入提示模板“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="712" />
        <source>Import verbalizer</source>
        <translation>导入标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="62" />
        <source>Fix the template or the verbalizer first: %1</source>
        <translation>请先修正模板或标签映射：%1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="67" />
        <source>Choose a dataset to score.</source>
        <translation>请选择要打分的数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="71" />
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/demomodeljob.cpp" line="29" />
        <source>Create the demo model</source>
        <translation>创建演示模型</translation>
    </message>
    <message>
        <location filename="../widgets/demomodeljob.cpp" line="32" />
        <source>demo model ready in %1</source>
        <translation>演示模型已就绪：%1</translation>
    </message>
    <message>
        <location filename="../widgets/demomodeljob.cpp" line="45" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="88" />
        <source>Cannot create a temporary folder.</source>
        <translation>无法创建临时文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="102" />
        <source>The dataset has no records to score.</source>
        <translation>数据集中没有可打分的记录。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="138" />
        <source>the worker exited with code %1</source>
        <translation>工作进程以代码 %1 退出</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="142" />
        <source>Scoring with %1…</source>
        <translation>正在用 %1 打分…</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="151" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/promptpanelrun.cpp" line="168" />
        <source>Scored %n example(s).</source>
        <translation><numerusform>已为 %n 个样例打分。</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="170" />
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="171" />
        <source>Scoring failed: %1</source>
        <translation>打分失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="178" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="178" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="185" />
        <source>Accuracy %1 · macro-F1 %2 · %3 example(s) · %4 s</source>
        <translation>准确率 %1 · 宏 F1 %2 · %3 个样例 · %4 秒</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/promptpanelrun.cpp" line="190" />
        <source>%n example(s) scored (no summary).</source>
        <translation><numerusform>已为 %n 个样例打分（无汇总）。</numerusform></translation>
    </message>
</context>
<context>
    <name>QualityPanel</name>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="241" />
        <source>%1: the parameters are not valid JSON (%2)</source>
        <translation>%1：参数不是有效的 JSON（%2）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="243" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="302" />
        <source>Quality check</source>
        <translation>质量检查</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="304" />
        <source>%1 records checked, %2 would be rejected (%3 s)</source>
        <translation>已检查 %1 条记录，%2 条将被拒绝（%3 秒）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="448" />
        <source>Quality check: reject %1 records</source>
        <translation>质量检查：拒绝 %1 条记录</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="459" />
        <source>Quality check: rejected %1 records</source>
        <translation>质量检查：已拒绝 %1 条记录</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="483" />
        <source>ROUGE-L near-duplicate</source>
        <translation>ROUGE-L 近似重复</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="485" />
        <source>Empty output</source>
        <translation>输出为空</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="487" />
        <source>Instruction length</source>
        <translation>指令长度</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="489" />
        <source>Keyword blacklist (Self-Instruct/Alpaca)</source>
        <translation>关键词黑名单（Self-Instruct/Alpaca）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="491" />
        <source>Keyword blacklist (BELLE, Chinese)</source>
        <translation>关键词黑名单（BELLE，中文）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="493" />
        <source>Asks to write a program</source>
        <translation>要求编写程序</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="495" />
        <source>Starts with punctuation</source>
        <translation>以标点开头</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="497" />
        <source>Output repeats the input</source>
        <translation>输出重复输入</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="499" />
        <source>Heavy repetition</source>
        <translation>大量重复</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="509" />
        <source>The field is empty or only whitespace.</source>
        <translation>该字段为空或只有空白。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="511" />
        <source>Too few or too many words (Self-Instruct/Alpaca keep 4 to 150); text with Chinese characters counts characters instead (BELLE drops 3 or fewer).</source>
        <translation>词数过少或过多（Self-Instruct/Alpaca 保留 4 到 150 个词）；含中文的文本改为计字符数（BELLE 去掉 3 个字符及以下的）。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="514" />
        <source>Contains one of the words (whole words, ignoring case), as Alpaca's filter.</source>
        <translation>包含其中某个词（整词匹配，不区分大小写），同 Alpaca 的过滤器。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="516" />
        <source>Contains one of the strings (plain substring, case-sensitive), as BELLE's generator.</source>
        <translation>包含其中某个字符串（普通子串，区分大小写），同 BELLE 的生成器。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="518" />
        <source>Starts with one of the prefixes (case-sensitive), as Alpaca's "Write a program" rule.</source>
        <translation>以其中某个前缀开头（区分大小写），同 Alpaca 的“Write a program”规则。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="520" />
        <source>The first character is punctuation; with non_ascii also when it is not ASCII.</source>
        <translation>首字符是标点；设置 non_ascii 时首字符不是 ASCII 也算。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="522" />
        <source>A non-empty input equal to the output.</source>
        <translation>非空的输入与输出相同。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="524" />
        <source>The share of repeated n-grams is above max_share.</source>
        <translation>重复 n 元组的比例高于 max_share。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="533" />
        <source>Records:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="534" />
        <source>Pending and accepted</source>
        <translation>待定和已接受</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="535" />
        <source>Accepted only</source>
        <translation>仅已接受</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="536" />
        <source>Whole dataset</source>
        <translation>整个数据集</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="537" />
        <source>Records already rejected are never changed; with "Whole dataset" they still count as earlier records for the near-duplicate filter.</source>
        <translation>已拒绝的记录永远不会被更改；选择“整个数据集”时，它们仍作为近似重复过滤的先前记录参与比较。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="539" />
        <source>Compare:</source>
        <translation>比较：</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="540" />
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="541" />
        <source>Instruction + input</source>
        <translation>指令 + 输入</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="542" />
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="543" />
        <source>Tokenizer:</source>
        <translation>分词器：</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="544" />
        <source>rouge (English words)</source>
        <translation>rouge（英文单词）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="545" />
        <source>cjk (also Chinese characters)</source>
        <translation>cjk（同时按汉字切分）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="546" />
        <source>Porter stemming</source>
        <translation>Porter 词干提取</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="547" />
        <source>Threshold:</source>
        <translation>阈值：</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="548" />
        <source>A record is rejected when its ROUGE-L F with an earlier kept record is above this.</source>
        <translation>记录与某条先前保留记录的 ROUGE-L F 值高于此值时被拒绝。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="549" />
        <source>Near-duplicate filter (ROUGE-L)</source>
        <translation>近似重复过滤（ROUGE-L）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="550" />
        <source>Heuristic rules (run first; edit parameters as JSON)</source>
        <translation>启发式规则（先运行；参数以 JSON 编辑）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="551" />
        <location filename="../widgets/qualitypanel.cpp" line="567" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="551" />
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="561" />
        <source>Cancel check</source>
        <translation>取消检查</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="561" />
        <source>Run check</source>
        <translation>运行检查</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="562" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="563" />
        <source>Reject the listed records (one undo step)</source>
        <translation>拒绝列出的记录（一步即可撤销）</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="564" />
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="565" />
        <source>Similarity to earlier kept records</source>
        <translation>与先前保留记录的相似度</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="566" />
        <source>Would be rejected</source>
        <translation>将被拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="567" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="567" />
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="567" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="579" />
        <source>Choose the options and run the check. Nothing changes until you apply the result.</source>
        <translation>选择选项并运行检查。在应用结果之前不会做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="580" />
        <source>Choose a dataset in the Curation tab.</source>
        <translation>请在“数据整理”标签页中选择数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="583" />
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="586" />
        <source>Preview: %1 records checked; %2 rejected by rules, %3 near-duplicates (ROUGE-L above %4); %5 already rejected stay as they are. Nothing has changed yet: Apply rejects them in one undo step.</source>
        <translation>预览：已检查 %1 条记录；规则拒绝 %2 条，近似重复 %3 条（ROUGE-L 高于 %4）；%5 条已拒绝的记录保持不变。尚未做任何更改：点击“应用”将一次性拒绝它们（一步即可撤销）。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="595" />
        <source>Rejected %1 records. Edit ▸ Undo restores them.</source>
        <translation>已拒绝 %1 条记录。编辑 ▸ 撤销可恢复。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="598" />
        <source>The check was cancelled; nothing was changed.</source>
        <translation>检查已取消，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/qualitypanel.cpp" line="601" />
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
    <name>TrainingCharts</name>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="528" />
        <source>Training charts</source>
        <translation>训练曲线</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="534" />
        <location filename="../widgets/trainingcharts.cpp" line="541" />
        <source>Export charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="535" />
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="541" />
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="560" />
        <source>&amp;Smoothing</source>
        <translation>平滑(&amp;S)</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="561" />
        <source>Exponential moving average of the train loss (0 = raw)</source>
        <translation>训练损失的指数移动平均（0 = 原始值）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="563" />
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="564" />
        <source>Fit all data and follow the newest step (also: double-click a plot)</source>
        <translation>显示全部数据并跟随最新步数（也可双击图表）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="565" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="566" />
        <source>Drag to pan, wheel to zoom the steps; hold Ctrl for the value axis</source>
        <translation>拖动平移，滚轮缩放步数轴；按住 Ctrl 作用于数值轴</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="567" />
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="568" />
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="569" />
        <source>Grad norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="570" />
        <source>Tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <location filename="../widgets/trainingcharts.cpp" line="571" />
        <source>Step</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="98" />
        <source>Run name:</source>
        <translation>运行名称：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="130" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="132" />
        <source>Command:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="138" />
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="141" />
        <location filename="../widgets/trainingpanelrun.cpp" line="562" />
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="170" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="180" />
        <source>RoPE interpolation:</source>
        <translation>RoPE 插值：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="187" />
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="212" />
        <source>Pack several examples into each row</source>
        <translation>将多个样例打包到同一行</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="215" />
        <source>Learn the prompt tokens too (default: the response only)</source>
        <translation>也学习提示部分的词元（默认只学习回答）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="218" />
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="219" />
        <source>Records:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="220" />
        <source>Held-out share:</source>
        <translation>留出比例：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="221" />
        <source>Prompt format:</source>
        <translation>提示格式：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="222" />
        <source>Max length (tokens):</source>
        <translation>最大长度（词元）：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="244" />
        <location filename="../widgets/trainingpanelrun.cpp" line="186" />
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="276" />
        <source>rsLoRA (scale alpha / √r)</source>
        <translation>rsLoRA（缩放 alpha / √r）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="293" />
        <source>Rank r:</source>
        <translation>秩 r：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="294" />
        <source>Alpha:</source>
        <translation>Alpha：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="295" />
        <source>Dropout:</source>
        <translation>Dropout：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="296" />
        <source>Initialisation:</source>
        <translation>初始化：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="298" />
        <source>Target modules:</source>
        <translation>目标模块：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="309" />
        <source>Bottleneck size:</source>
        <translation>瓶颈维度：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="310" />
        <source>Adapters after the attention and the MLP of every layer; they start as the identity.</source>
        <translation>适配器位于每层注意力和 MLP 之后；初始时为恒等映射。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="324" />
        <source>Reparameterize through an MLP</source>
        <translation>通过 MLP 重参数化</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="334" />
        <source>Virtual tokens:</source>
        <translation>虚拟词元数：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="336" />
        <source>MLP hidden size:</source>
        <translation>MLP 隐藏维度：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="344" />
        <source>Every weight of the model is trained; the result is a complete model folder.</source>
        <translation>训练模型的全部权重；结果是一个完整的模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="352" />
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="376" />
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="424" />
        <source>Gradient checkpointing (less memory, slower)</source>
        <translation>梯度检查点（省内存，较慢）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="435" />
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="436" />
        <source>Max steps:</source>
        <translation>最大步数：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="437" />
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="438" />
        <source>Grad accumulation:</source>
        <translation>梯度累积：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="439" />
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="440" />
        <source>Schedule:</source>
        <translation>调度：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="441" />
        <source>Warmup ratio:</source>
        <translation>预热比例：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="442" />
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="443" />
        <source>Max grad norm:</source>
        <translation>最大梯度范数：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="444" />
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="445" />
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="446" />
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="447" />
        <source>Eval every:</source>
        <translation>评估间隔：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="448" />
        <source>Save every:</source>
        <translation>保存间隔：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="466" />
        <source>optional; the run id otherwise</source>
        <translation>可选；留空则用运行编号</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="467" />
        <source>a Hugging Face model folder (config.json, *.safetensors, tokenizer.json)</source>
        <translation>Hugging Face 模型文件夹（config.json、*.safetensors、tokenizer.json）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="468" />
        <source>This is the demo model: tiny and only briefly pre-trained on the demo texts, so a run takes seconds on a CPU. It is created on the first start. Choose a real Hugging Face model folder for real results.</source>
        <translation>这是演示模型：很小，只在演示文本上做过短暂的预训练，因此在 CPU 上一次运行只需几秒。它在首次启动时创建。要获得真实结果，请选择真正的 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="471" />
        <source>RoPE position interpolation: positions are divided by this factor, so a factor of 2 doubles the usable context (fine-tune at the longer length).</source>
        <translation>RoPE 位置插值：位置除以该系数，系数 2 使可用上下文加倍（请在更长的长度上微调）。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="473" />
        <source>Share of the records kept out of training for the eval loss (seeded split); 0 = no evaluation.</source>
        <translation>留出不参与训练、用于计算评估损失的记录比例（按种子划分）；0 = 不评估。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="475" />
        <source>Accepted records</source>
        <translation>已接受的记录</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="476" />
        <source>Accepted and pending (all but rejected)</source>
        <translation>已接受和待定（除已拒绝外全部）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="477" />
        <source>Alpaca (### Instruction / ### Response)</source>
        <translation>Alpaca（### Instruction / ### Response）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="477" />
        <source>The model's chat template</source>
        <translation>模型自带的对话模板</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="478" />
        <source>ChatML</source>
        <translation>ChatML</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="478" />
        <source>Llama 2 [INST]</source>
        <translation>Llama 2 [INST]</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="478" />
        <source>Llama 3 header</source>
        <translation>Llama 3 标头</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="479" />
        <source>Plain text (continued pre-training, loss on every token)</source>
        <translation>纯文本（继续预训练，每个词元都计入损失）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="482" />
        <source>LoRA (low-rank adapters)</source>
        <translation>LoRA（低秩适配）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="482" />
        <source>Bottleneck adapters</source>
        <translation>瓶颈适配器</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="482" />
        <source>Prefix tuning</source>
        <translation>前缀微调</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="483" />
        <source>Full fine-tuning</source>
        <translation>全参数微调</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="486" />
        <source>Gaussian (PEFT default)</source>
        <translation>高斯（PEFT 默认）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="487" />
        <source>Kaiming-uniform</source>
        <translation>Kaiming 均匀</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="488" />
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="489" />
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="490" />
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="491" />
        <location filename="../widgets/trainingpanel.cpp" line="495" />
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="492" />
        <source>auto: CUDA if available, else the CPU</source>
        <translation>自动：有 CUDA 则用 CUDA，否则用 CPU</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="493" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="494" />
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="496" />
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="497" />
        <source>bf16 autocast</source>
        <translation>bf16 自动混合精度</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="498" />
        <source>bf16 weights</source>
        <translation>bf16 权重</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="499" />
        <source>from epochs</source>
        <translation>由轮数决定</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="500" />
        <location filename="../widgets/trainingpanel.cpp" line="501" />
        <source>at the end</source>
        <translation>仅在结束时</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="502" />
        <source>Peak learning rate, e.g. 2e-4 (LoRA) or 2e-5 (full fine-tuning).</source>
        <translation>峰值学习率，例如 2e-4（LoRA）或 2e-5（全参数微调）。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="503" />
        <source>Copy the command line</source>
        <translation>复制命令行</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="504" />
        <source>Demo defaults for the demo model, recommended defaults otherwise</source>
        <translation>演示模型用演示默认值，其他模型用推荐默认值</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/trainingpanel.cpp" line="541" />
        <source>%1 (%n accepted)</source>
        <translation><numerusform>%1（已接受 %n 条）</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="180" />
        <source>%1: not a number (type e.g. 2e-4)</source>
        <translation>%1：不是数字（请输入如 2e-4）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="188" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="220" />
        <location filename="../widgets/trainingpanelrun.cpp" line="622" />
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="223" />
        <source>The demo model is created on the first start; the estimate follows then.</source>
        <translation>演示模型会在第一次开始训练时创建，届时显示估算。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="224" />
        <source>No config.json in %1.</source>
        <translation>%1 中没有 config.json。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="229" />
        <source>Cannot read the model: %1</source>
        <translation>无法读取模型：%1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="254" />
        <source>Trainable parameters: %1 of %2 (%3%)</source>
        <translation>可训练参数：%1 / %2（%3%）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="257" />
        <source>Memory estimate: %1 (weights %2, gradients %3, optimizer %4, activations %5)</source>
        <translation>内存估算：%1（权重 %2，梯度 %3，优化器 %4，激活 %5）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="260" />
        <source>Context budget: %1 tokens per example (max length %2)</source>
        <translation>上下文预算：每个样例 %1 个词元（最大长度 %2）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="265" />
        <source>The prefix takes %1 of the model's %2 positions: %3 remain for the prompt and the response.</source>
        <translation>前缀占用模型 %2 个位置中的 %1 个：剩余 %3 个留给提示和回答。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelconfig.cpp" line="269" />
        <source>No estimate: %1</source>
        <translation>无法估算：%1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="179" />
        <source>Runs (checked runs are overlaid in the charts)</source>
        <translation>运行（勾选的运行会叠加显示在图表中）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="180" />
        <location filename="../widgets/trainingpanelrun.cpp" line="566" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="181" />
        <source>Ask the selected run's worker to save a checkpoint and stop</source>
        <translation>让所选运行的工作进程保存检查点后停止</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="182" />
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="183" />
        <source>Continue the selected run from its newest checkpoint</source>
        <translation>从最新检查点继续所选运行</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="37" />
        <source>Folder for the merged model</source>
        <translation>合并后模型的文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="48" />
        <source>Delete run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="49" />
        <source>Delete the run %1 and its folder (checkpoints, outputs, log)? This cannot be undone.</source>
        <translation>删除运行 %1 及其文件夹（检查点、输出、日志）？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="52" />
        <source>A running run cannot be deleted; stop it first.</source>
        <translation>正在进行的运行不能删除，请先停止它。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="60" />
        <location filename="../widgets/trainingpanelrun.cpp" line="186" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="61" />
        <source>More actions on the selected run</source>
        <translation>对所选运行的更多操作</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="62" />
        <source>Open the run folder</source>
        <translation>打开运行文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="63" />
        <source>Merge into a model folder…</source>
        <translation>合并为模型文件夹…</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="64" />
        <source>LoRA folded into the base weights (W + scale·B·A): an ordinary Hugging Face model folder with no inference overhead</source>
        <translation>把 LoRA 并入基础权重（W + scale·B·A）：得到没有推理开销的普通 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="66" />
        <source>Delete run…</source>
        <translation>删除运行…</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="104" />
        <source>Merged model written to %1</source>
        <translation>合并后的模型已写入 %1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="104" />
        <source>Merge failed: %1</source>
        <translation>合并失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="110" />
        <source>exit code %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelactions.cpp" line="114" />
        <source>Merging %1 into %2…</source>
        <translation>正在把 %1 合并到 %2…</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="186" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="186" />
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="186" />
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="186" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="187" />
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="188" />
        <source>Compare configs</source>
        <translation>比较配置</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="189" />
        <source>Try the result</source>
        <translation>试用结果</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="190" />
        <source>An instruction; it is wrapped in the prompt format the run was trained with</source>
        <translation>一条指令；会按该运行训练时的提示格式包装</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="200" />
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="201" />
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="202" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="203" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="204" />
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="349" />
        <source>LoRA r=%1</source>
        <translation>LoRA r=%1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="351" />
        <source>adapter %1</source>
        <translation>适配器 %1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="353" />
        <source>prefix %1</source>
        <translation>前缀 %1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="355" />
        <source>full</source>
        <translation>全参数</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="357" />
        <source>stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="395" />
        <location filename="../widgets/trainingpanelrun.cpp" line="739" />
        <source>Run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="476" />
        <source>No run selected. Fill in the form and press Start training.</source>
        <translation>未选择运行。填写表单后点击“开始训练”。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="477" />
        <source>Open a workspace to train.</source>
        <translation>请先打开一个工作区再训练。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="480" />
        <source>Generates with the model of the form.</source>
        <translation>使用表单中的模型生成。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="488" />
        <source>Step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="489" />
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="492" />
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="494" />
        <source>eval loss %1</source>
        <translation>评估损失 %1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="497" />
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="499" />
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="501" />
        <source>took %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="507" />
        <source>stopping (saving a checkpoint)…</source>
        <translation>正在停止（保存检查点）…</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="510" />
        <source>stopped before its first step; start a new run.</source>
        <translation>在第一步之前就已停止；请开始新的运行。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="511" />
        <source>Resume continues from the checkpoint.</source>
        <translation>“继续”会从检查点接着训练。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="516" />
        <source>the worker is not running; Resume continues from step %1.</source>
        <translation>工作进程未在运行；“继续”将从第 %1 步接着训练。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="518" />
        <source>the worker is not running and left no checkpoint.</source>
        <translation>工作进程未在运行，且没有留下检查点。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="536" />
        <source>Trainable %1 of %2 (%3%) · %4 train / %5 eval examples · %6 · %7</source>
        <translation>可训练 %1 / %2（%3%）· 训练 %4 / 评估 %5 个样例 · %6 · %7</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="548" />
        <source>%1 truncated to the max length, %2 left out (prompt longer than the max length)</source>
        <translation>%1 条被截断到最大长度，%2 条被略去（提示长于最大长度）</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="553" />
        <source>Generates with the base model of %1 and its trained result.</source>
        <translation>使用 %1 的基础模型及其训练结果生成。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="554" />
        <source>Generates with the base model of %1 alone, for comparison.</source>
        <translation>仅使用 %1 的基础模型生成，以便对比。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="562" />
        <source>Preparing…</source>
        <translation>准备中…</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="566" />
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="614" />
        <source>Fix the form first: %1</source>
        <translation>请先修正表单：%1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="618" />
        <source>Choose a dataset to train on.</source>
        <translation>请选择要训练的数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="644" />
        <source>Cannot create the demo model: %1</source>
        <translation>无法创建演示模型：%1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="657" />
        <source>Cannot create the run folder: %1</source>
        <translation>无法创建运行文件夹：%1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="666" />
        <source>Export the training data</source>
        <translation>导出训练数据</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/trainingpanelrun.cpp" line="668" />
        <source>exported %n training record(s)</source>
        <translation><numerusform>已导出 %n 条训练记录</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="674" />
        <source>Cannot start the run: %1</source>
        <translation>无法开始运行：%1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="700" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="720" />
        <location filename="../widgets/trainingpanelrun.cpp" line="721" />
        <source>Cannot start the worker: %1</source>
        <translation>无法启动工作进程：%1</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="729" />
        <source>Resumed %1.</source>
        <translation>已继续 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="729" />
        <source>Started %1.</source>
        <translation>已开始 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanelrun.cpp" line="757" />
        <source>Stopping %1: the worker saves a checkpoint and exits.</source>
        <translation>正在停止 %1：工作进程会保存检查点后退出。</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpaneltry.cpp" line="29" />
        <source>With the trained result</source>
        <translation>使用训练结果</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpaneltry.cpp" line="45" />
        <source>Max new tokens:</source>
        <translation>最多新词元：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpaneltry.cpp" line="50" />
        <source>Prompt:</source>
        <translation>提示：</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpaneltry.cpp" line="90" />
        <source>Type a prompt first.</source>
        <translation>请先输入提示。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/trainingpaneltry.cpp" line="99" />
        <source>
— %n token(s) in %1 s</source>
        <translation><numerusform>
— %n 个词元，用时 %1 秒</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpaneltry.cpp" line="133" />
        <source>the worker exited with code %1</source>
        <translation>工作进程以代码 %1 退出</translation>
    </message>
    <message>
        <location filename="../widgets/trainingpaneltry.cpp" line="136" />
        <source>Generation failed: %1</source>
        <translation>生成失败：%1</translation>
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