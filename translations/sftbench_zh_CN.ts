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
        <location filename="../widgets/iclpanel.cpp" line="201" />
        <location filename="../widgets/iclpanel.cpp" line="405" />
        <source>Reorder demonstrations</source>
        <translation>调整示例顺序</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="205" />
        <source>Enable or disable a demonstration</source>
        <translation>启用或停用示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="220" />
        <source>Edit demonstration %1</source>
        <translation>编辑示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="229" />
        <source>Edit demo format</source>
        <translation>编辑示例格式</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="234" />
        <source>Edit separator</source>
        <translation>编辑分隔符</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="239" />
        <source>Edit instruction header</source>
        <translation>编辑指令开头</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="251" />
        <source>Add demonstrations from the dataset</source>
        <translation>从数据集添加示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="261" />
        <source>Remove demonstration %1</source>
        <translation>删除示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="281" />
        <source>Export demonstrations</source>
        <translation>导出示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="281" />
        <source>Import demonstrations</source>
        <translation>导入示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="281" />
        <source>demonstration set name</source>
        <translation>示例集名称</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="282" />
        <source>Demonstrations (drag to reorder, check to use)</source>
        <translation>示例（拖动调整顺序，勾选以使用）</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="283" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="284" />
        <source>Add accepted records</source>
        <translation>添加已接受的记录</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="285" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="286" />
        <source>Input:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="287" />
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="288" />
        <source>Demo format:</source>
        <translation>示例格式：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="289" />
        <source>Separator:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="290" />
        <source>Written between demonstrations; type \n for a line break.</source>
        <translation>写在示例之间；输入 \n 表示换行。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="291" />
        <source>Instruction header:</source>
        <translation>指令开头：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="292" />
        <source>optional, e.g. Classify the sentiment of each input.</source>
        <translation>可选，例如：判断每条输入的情感。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="293" />
        <source>Select demos:</source>
        <translation>示例选择：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="294" />
        <source>manual (checked, in list order)</source>
        <translation>手动（已勾选的，按列表顺序）</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="295" />
        <source>random, with seed</source>
        <translation>随机（指定种子）</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="296" />
        <source>nearest by ROUGE-L</source>
        <translation>ROUGE-L 最近邻</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="297" />
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="298" />
        <source>k:</source>
        <translation>k：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="299" />
        <source>Test input:</source>
        <translation>测试输入：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="300" />
        <source>Assembled prompt</source>
        <translation>拼接后的提示</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="301" />
        <source>Run on the dataset</source>
        <translation>在数据集上运行</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="302" />
        <source>k values:</source>
        <translation>k 值：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="303" />
        <source>Orders per k:</source>
        <translation>每个 k 的顺序数：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="304" />
        <source>Test records:</source>
        <translation>测试记录数：</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="305" />
        <source>Contextual calibration</source>
        <translation>上下文校准</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="309" />
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="309" />
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="309" />
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="309" />
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="309" />
        <source>Std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="309" />
        <source>Runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="313" />
        <source>Each k runs with several demo orders: in-context learning is order-sensitive.</source>
        <translation>每个 k 都用多种示例顺序运行：上下文学习对顺序敏感。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="347" />
        <source>type a test input</source>
        <translation>输入一条测试文本</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="307" />
        <source>This is the demo model: tiny and untrained (random weights), so its accuracy is meaningless, but every step runs. It is created on the first run.</source>
        <translation>这是演示模型：很小且未经训练（随机权重），准确率没有意义，但每个步骤都能运行。首次运行时自动创建。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="378" />
        <source>Add demonstration</source>
        <translation>添加示例</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="392" />
        <source>Use demonstration %1</source>
        <translation>使用示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="392" />
        <source>Leave out demonstration %1</source>
        <translation>不使用示例 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="544" />
        <source>The demo format needs both [X] (the input) and [Z] (the output).</source>
        <translation>示例格式需要同时包含 [X]（输入）和 [Z]（输出）。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="546" />
        <source>The demo format can only use [X] and [Z], not [%1].</source>
        <translation>示例格式只能使用 [X] 和 [Z]，不能使用 [%1]。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="548" />
        <source>Syntax error: %1</source>
        <translation>语法错误：%1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="550" />
        <source>Format OK.</source>
        <translation>格式正确。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="556" />
        <source>Labels (the outputs of the checked demonstrations): %1</source>
        <translation>标签（已勾选示例的输出）：%1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="557" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/iclpanel.cpp" line="590" />
        <source>%n token(s)</source>
        <translation><numerusform>%n 个词元</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/iclpanel.cpp" line="590" />
        <source>≈ %n token(s) (estimate)</source>
        <translation><numerusform>≈ %n 个词元（估计）</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="592" />
        <source> of a %1-token context window</source>
        <translation>，上下文窗口为 %1 个词元</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="673" />
        <source>demonstrations %1</source>
        <translation>示例集 %1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="683" />
        <source>Saved demonstration set "%1".</source>
        <translation>已保存示例集“%1”。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="694" />
        <source>Load demonstration set "%1"</source>
        <translation>加载示例集“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="713" />
        <source>Exported the demonstrations to %1.</source>
        <translation>已将示例导出到 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="723" />
        <source>Cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanel.cpp" line="726" />
        <source>Import demonstration set "%1"</source>
        <translation>导入示例集“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="235" />
        <source>k values must be a list of numbers such as 0,1,2,4.</source>
        <translation>k 值必须是数字列表，例如 0,1,2,4。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="237" />
        <source>Check demonstrations with at least two different outputs (they are the labels).</source>
        <translation>请勾选至少有两种不同输出的示例（输出即标签）。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="239" />
        <source>Choose a dataset to test on.</source>
        <translation>请选择用于测试的数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="241" />
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="300" />
        <source>the worker exited with code %1</source>
        <translation>工作进程以代码 %1 退出</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="312" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/iclpanelrun.cpp" line="328" />
        <source>In-context run finished: %n run(s).</source>
        <translation><numerusform>上下文学习运行完成：共 %n 次运行。</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="330" />
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="331" />
        <source>In-context run failed: %1</source>
        <translation>上下文学习运行失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="338" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/iclpanelrun.cpp" line="338" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/iclpanelrun.cpp" line="359" />
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
        <location filename="../widgets/mainwindow.cpp" line="182" />
        <source>About SFT Workbench</source>
        <translation>关于 SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="183" />
        <source>&lt;h3&gt;SFT Workbench %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for supervised fine-tuning of large language models: curate instruction data, design prompts, fine-tune with LoRA, adapters or prefixes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SFT 工作台 %1&lt;/h3&gt;&lt;p&gt;大语言模型有监督微调的桌面工作台：整理指令数据、设计提示、用 LoRA、适配器或前缀进行微调。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="192" />
        <source>Curation</source>
        <translation>数据整理</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="193" />
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="194" />
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="195" />
        <source>In-context</source>
        <translation>上下文学习</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="196" />
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="197" />
        <source>Activity</source>
        <translation>活动日志</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="198" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="199" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="200" />
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="201" />
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="202" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="203" />
        <source>&amp;Import dataset…</source>
        <translation>导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="204" />
        <source>&amp;Export dataset…</source>
        <translation>导出数据集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="205" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="206" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="207" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="208" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="209" />
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="210" />
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="211" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="212" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="213" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="214" />
        <source>&amp;About SFT Workbench</source>
        <translation>关于 SFT 工作台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="228" />
        <source>no workspace</source>
        <translation>无工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="229" />
        <source>%1 — SFT Workbench</source>
        <translation>%1 — SFT 工作台</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="251" />
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="271" />
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="279" />
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="279" />
        <source>Wait for "%1" to finish, or cancel it.</source>
        <translation>请等待“%1”完成，或取消它。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="306" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="311" />
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="313" />
        <source>%1 failed</source>
        <translation>%1 失败</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="316" />
        <source>%1 cancelled; nothing was changed.</source>
        <translation>%1 已取消，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="328" />
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="332" />
        <source>imported %n record(s) in %1 s</source>
        <translation><numerusform>已导入 %n 条记录，用时 %1 秒</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="351" />
        <source>Search index</source>
        <translation>搜索索引</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="353" />
        <source>indexed %n record(s) for search</source>
        <translation><numerusform>已为 %n 条记录建立搜索索引</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="357" />
        <source>Indexing for search: %1%</source>
        <translation>正在建立搜索索引：%1%</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="371" />
        <source>Search index: %1</source>
        <translation>搜索索引：%1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="380" />
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="381" />
        <source>SFT Workbench workspaces (*.sftws)</source>
        <translation>SFT 工作台工作区 (*.sftws)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="388" />
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="389" />
        <source>SFT Workbench workspaces (*.sftws);;All files (*)</source>
        <translation>SFT 工作台工作区 (*.sftws);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="397" />
        <source>Import dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="398" />
        <source>Datasets (*.json *.jsonl *.csv);;Alpaca or ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;All files (*)</source>
        <translation>数据集 (*.json *.jsonl *.csv);;Alpaca 或 ShareGPT JSON (*.json);;JSON Lines (*.jsonl);;CSV (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="414" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="416" />
        <source>wrote %1 train and %2 validation records to %3</source>
        <translation>已将 %1 条训练记录和 %2 条验证记录写入 %3</translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="221" />
        <source>label %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <location filename="../widgets/modelfolderrow.cpp" line="34" />
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="331" />
        <source>Export prompt template</source>
        <translation>导出提示模板</translation>
    </message>
    <message>
        <location filename="../widgets/saveditembar.cpp" line="46" />
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="331" />
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
        <location filename="../widgets/promptpanel.cpp" line="331" />
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
        <location filename="../widgets/promptpanel.cpp" line="332" />
        <source>Template ([X] input, [Z] answer, [instruction] / [input] / [output] record fields)</source>
        <translation>模板（[X] 输入，[Z] 答案，[instruction] / [input] / [output] 为记录字段）</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="333" />
        <source>Answer space and verbalizer</source>
        <translation>答案空间与标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="334" />
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="334" />
        <source>Answers (separate with /)</source>
        <translation>答案（用 / 分隔）</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="335" />
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="336" />
        <source>Remove label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="337" />
        <source>Contextual calibration</source>
        <translation>上下文校准</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="338" />
        <source>Answer score:</source>
        <translation>答案得分：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="339" />
        <source>sum of token log-probs</source>
        <translation>词元对数概率之和</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="340" />
        <source>mean per token</source>
        <translation>每词元平均</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="341" />
        <source>Label score:</source>
        <translation>标签得分：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="342" />
        <source>best answer (max)</source>
        <translation>最佳答案（最大值）</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="343" />
        <source>sum of probabilities</source>
        <translation>概率之和</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="344" />
        <source>mean of answers</source>
        <translation>答案平均</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="345" />
        <source>Records:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="346" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="347" />
        <source>accepted only</source>
        <translation>仅已接受</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="348" />
        <source>At most:</source>
        <translation>最多：</translation>
    </message>
    <message>
        <location filename="../widgets/modelfolderrow.cpp" line="59" />
        <source>Model folder:</source>
        <translation>模型文件夹：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="349" />
        <source>a Hugging Face model folder (config.json, *.safetensors, tokenizer.json)</source>
        <translation>Hugging Face 模型文件夹（config.json、*.safetensors、tokenizer.json）</translation>
    </message>
    <message>
        <location filename="../widgets/modelfolderrow.cpp" line="60" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="353" />
        <source>Preview f_fill(x, z), z = the first answer</source>
        <translation>预览 f_fill(x, z)，z 为第一个答案</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="354" />
        <source>Record:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="355" />
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="356" />
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="357" />
        <source>Examples</source>
        <translation>样例</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="358" />
        <source>Compare templates</source>
        <translation>模板对比</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="359" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="359" />
        <source>Gold</source>
        <translation>标准答案</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="359" />
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="359" />
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="360" />
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="360" />
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="360" />
        <source>Macro-F1</source>
        <translation>宏 F1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="361" />
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="362" />
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="369" />
        <source>Run scores every record: its output is the gold label.</source>
        <translation>运行会为每条记录打分：记录的输出即标准标签。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="350" />
        <source>This is the demo model: tiny and untrained (random weights), so its scores are meaningless, but every step runs. It is created on the first run. Choose a real Hugging Face model folder for real results.</source>
        <translation>这是演示模型：很小且未经训练（随机权重），得分没有意义，但每个步骤都能运行。首次运行时自动创建。要得到真实结果，请选择真正的 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="434" />
        <source>Edit verbalizer</source>
        <translation>编辑标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="441" />
        <source>Change scoring options</source>
        <translation>更改打分选项</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="527" />
        <source>Column %1: "[%2" is not closed; write [%2] for a slot, or [[ for a literal bracket.</source>
        <translation>第 %1 列：“[%2”没有闭合；槽位请写成 [%2]，字面方括号请写 [[。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="531" />
        <source>The template needs the answer slot [Z].</source>
        <translation>模板需要答案槽位 [Z]。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="535" />
        <source>Unknown slot [%1]: records have the fields [instruction], [input] and [output].</source>
        <translation>未知槽位 [%1]：记录只有 [instruction]、[input] 和 [output] 字段。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="540" />
        <source>No input slot [X]: every record gets the same prompt.</source>
        <translation>没有输入槽位 [X]：每条记录得到的提示都相同。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="542" />
        <source>Syntax error: %1</source>
        <translation>语法错误：%1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="551" />
        <source>Template OK.</source>
        <translation>模板正确。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="566" />
        <source>Add at least two labels.</source>
        <translation>请至少添加两个标签。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/promptpanel.cpp" line="572" />
        <source>%n label(s).</source>
        <translation><numerusform>%n 个标签。</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="603" />
        <source>No record to preview: choose a dataset.</source>
        <translation>没有可预览的记录：请选择数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="618" />
        <source>Record %1; gold label: %2</source>
        <translation>记录 %1；标准标签：%2</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="647" />
        <source>template %1</source>
        <translation>模板 %1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="661" />
        <source>Saved prompt template "%1".</source>
        <translation>已保存提示模板“%1”。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="673" />
        <source>Load prompt template "%1"</source>
        <translation>加载提示模板“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="677" />
        <source>Load verbalizer</source>
        <translation>加载标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="702" />
        <source>Exported the prompt template to %1.</source>
        <translation>已将提示模板导出到 %1。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="712" />
        <source>Cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="716" />
        <source>Import prompt template "%1"</source>
        <translation>导入提示模板“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanel.cpp" line="720" />
        <source>Import verbalizer</source>
        <translation>导入标签映射</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="69" />
        <source>Fix the template or the verbalizer first: %1</source>
        <translation>请先修正模板或标签映射：%1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="74" />
        <source>Choose a dataset to score.</source>
        <translation>请选择要打分的数据集。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="78" />
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
        <location filename="../widgets/promptpanelrun.cpp" line="95" />
        <source>Cannot create a temporary folder.</source>
        <translation>无法创建临时文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="109" />
        <source>The dataset has no records to score.</source>
        <translation>数据集中没有可打分的记录。</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="145" />
        <source>the worker exited with code %1</source>
        <translation>工作进程以代码 %1 退出</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="149" />
        <source>Scoring with %1…</source>
        <translation>正在用 %1 打分…</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="158" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/promptpanelrun.cpp" line="175" />
        <source>Scored %n example(s).</source>
        <translation><numerusform>已为 %n 个样例打分。</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="177" />
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="178" />
        <source>Scoring failed: %1</source>
        <translation>打分失败：%1</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="185" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="185" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../widgets/promptpanelrun.cpp" line="192" />
        <source>Accuracy %1 · macro-F1 %2 · %3 example(s) · %4 s</source>
        <translation>准确率 %1 · 宏 F1 %2 · %3 个样例 · %4 秒</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/promptpanelrun.cpp" line="197" />
        <source>%n example(s) scored (no summary).</source>
        <translation><numerusform>已为 %n 个样例打分（无汇总）。</numerusform></translation>
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