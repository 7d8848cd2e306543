<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CatalogueModel</name>
    <message numerus="yes">
        <location filename="../widgets/catalogue/cataloguemodel.cpp" line="186"/>
        <source>%n language(s)</source>
        <translation>
            <numerusform>%n language</numerusform>
            <numerusform>%n languages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurationPanel</name>
    <message numerus="yes">
        <location filename="../widgets/curation/curationpanel.cpp" line="291"/>
        <location filename="../widgets/curation/curationpanel.cpp" line="487"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetList</name>
    <message numerus="yes">
        <location filename="../widgets/curation/datasetlist.cpp" line="84"/>
        <source>%1: %n record(s) — %2 pending, %3 accepted, %4 rejected</source>
        <translation>
            <numerusform>%1: %n record — %2 pending, %3 accepted, %4 rejected</numerusform>
            <numerusform>%1: %n records — %2 pending, %3 accepted, %4 rejected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExperimentsView</name>
    <message numerus="yes">
        <location filename="../widgets/context/experimentsviewrun.cpp" line="228"/>
        <source>%n length(s) measured</source>
        <translation>
            <numerusform>%n length measured</numerusform>
            <numerusform>%n lengths measured</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/context/experimentsviewrun.cpp" line="279"/>
        <source>Done: %n configuration(s) measured.</source>
        <translation>
            <numerusform>Done: %n configuration measured.</numerusform>
            <numerusform>Done: %n configurations measured.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../widgets/common/exportdialog.cpp" line="135"/>
        <source>CSV has no place for conversations, and %n of the records to export are conversations: choose ShareGPT, OpenAI messages or JSON Lines.</source>
        <translation>
            <numerusform>CSV has no place for conversations, and %n of the records to export is a conversation: choose ShareGPT, OpenAI messages or JSON Lines.</numerusform>
            <numerusform>CSV has no place for conversations, and %n of the records to export are conversations: choose ShareGPT, OpenAI messages or JSON Lines.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerateForm</name>
    <message numerus="yes">
        <location filename="../widgets/generate/generateform.cpp" line="378"/>
        <source>%n edited</source>
        <translation>
            <numerusform>%n edited</numerusform>
            <numerusform>%n edited</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generateform.cpp" line="405"/>
        <source>Dataset: %1 (%n record(s))</source>
        <translation>
            <numerusform>Dataset: %1 (%n record)</numerusform>
            <numerusform>Dataset: %1 (%n records)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generateform.cpp" line="479"/>
        <source>Connected: %n model(s): %1</source>
        <translation>
            <numerusform>Connected: %n model: %1</numerusform>
            <numerusform>Connected: %n models: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerateRunList</name>
    <message numerus="yes">
        <location filename="../widgets/generate/generaterunlist.cpp" line="480"/>
        <source>%n task(s) landed there so far</source>
        <translation>
            <numerusform>%n task landed there so far</numerusform>
            <numerusform>%n tasks landed there so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generaterunstart.cpp" line="93"/>
        <source>exported %n seed task(s)</source>
        <translation>
            <numerusform>exported %n seed task</numerusform>
            <numerusform>exported %n seed tasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerateView</name>
    <message numerus="yes">
        <location filename="../widgets/generate/generateview.cpp" line="277"/>
        <source>%n request(s) brought no new instruction</source>
        <translation>
            <numerusform>%n request brought no new instruction</numerusform>
            <numerusform>%n requests brought no new instruction</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/generate/generateview.cpp" line="290"/>
        <source>Counted while the run is running; %n proposed task(s) were still waiting when it ended.</source>
        <translation>
            <numerusform>Counted while the run is running; %n proposed task was still waiting when it ended.</numerusform>
            <numerusform>Counted while the run is running; %n proposed tasks were still waiting when it ended.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IclPanel</name>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="305"/>
        <source>In-context run finished: %n run(s).</source>
        <translation>
            <numerusform>In-context run finished: %n run.</numerusform>
            <numerusform>In-context run finished: %n runs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="331"/>
        <source>%n whose output is not one of the labels (%1)</source>
        <translation>
            <numerusform>%n whose output is not one of the labels (%1)</numerusform>
            <numerusform>%n whose output is not one of the labels (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="335"/>
        <source>%n with an empty output</source>
        <translation>
            <numerusform>%n with an empty output</numerusform>
            <numerusform>%n with an empty output</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="337"/>
        <source>%1 of %n test record(s) usable (a gold label among the labels): every accuracy is over these.</source>
        <translation>
            <numerusform>%1 of %n test record usable (a gold label among the labels): every accuracy is over these.</numerusform>
            <numerusform>%1 of %n test records usable (a gold label among the labels): every accuracy is over these.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="341"/>
        <source>None of the %n test record(s) has a gold label among the labels, so there is no accuracy: the labels are the outputs of the checked demonstrations.</source>
        <translation>
            <numerusform>None of the %n test record has a gold label among the labels, so there is no accuracy: the labels are the outputs of the checked demonstrations.</numerusform>
            <numerusform>None of the %n test records has a gold label among the labels, so there is no accuracy: the labels are the outputs of the checked demonstrations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="352"/>
        <source>Running: %1 of %n run(s) done.</source>
        <translation>
            <numerusform>Running: %1 of %n run done.</numerusform>
            <numerusform>Running: %1 of %n runs done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanelrun.cpp" line="370"/>
        <source>%n run(s); the widest spread over demo orders at one k is %1.</source>
        <translation>
            <numerusform>%n run; the widest spread over demo orders at one k is %1.</numerusform>
            <numerusform>%n runs; the widest spread over demo orders at one k is %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="719"/>
        <source>The demonstrations differ per test record: these are the %n nearest by ROUGE-L to the dataset&apos;s first record, the ones the run uses for it in its first order.</source>
        <translation>
            <numerusform>The demonstrations differ per test record: this is the %n nearest by ROUGE-L to the dataset&apos;s first record, the one the run uses for it in its first order.</numerusform>
            <numerusform>The demonstrations differ per test record: these are the %n nearest by ROUGE-L to the dataset&apos;s first record, the ones the run uses for it in its first order.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="722"/>
        <source>The demonstrations differ per test record: these are the %n nearest by ROUGE-L to the typed test input, the ones a run would use for it in its first order.</source>
        <translation>
            <numerusform>The demonstrations differ per test record: this is the %n nearest by ROUGE-L to the typed test input, the one a run would use for it in its first order.</numerusform>
            <numerusform>The demonstrations differ per test record: these are the %n nearest by ROUGE-L to the typed test input, the ones a run would use for it in its first order.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="726"/>
        <source>The first %n checked demonstration(s) in list order: the run&apos;s first order for every test record; its other orders shuffle them.</source>
        <translation>
            <numerusform>The first %n checked demonstration in list order: the run&apos;s first order for every test record; its other orders shuffle them.</numerusform>
            <numerusform>The first %n checked demonstrations in list order: the run&apos;s first order for every test record; its other orders shuffle them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="730"/>
        <source>Only %n demonstration(s) are checked, so a run with k = %1 fails.</source>
        <translation>
            <numerusform>Only %n demonstration is checked, so a run with k = %1 fails.</numerusform>
            <numerusform>Only %n demonstrations are checked, so a run with k = %1 fails.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="750"/>
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/icl/iclpanel.cpp" line="750"/>
        <source>≈ %n token(s) (estimate)</source>
        <translation>
            <numerusform>≈ %n token (estimate)</numerusform>
            <numerusform>≈ %n tokens (estimate)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message numerus="yes">
        <location filename="../widgets/curation/importcommand.cpp" line="19"/>
        <source>Import %n record(s) as dataset “%1”</source>
        <translation>
            <numerusform>Import %n record as dataset “%1”</numerusform>
            <numerusform>Import %n records as dataset “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/importcommand.cpp" line="22"/>
        <source>Import %n record(s)</source>
        <translation>
            <numerusform>Import %n record</numerusform>
            <numerusform>Import %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../widgets/common/importdialog.cpp" line="585"/>
        <source>The file holds %n record(s).</source>
        <translation>
            <numerusform>The file holds %n record.</numerusform>
            <numerusform>The file holds %n records.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/importdialog.cpp" line="587"/>
        <source>The first %n record(s) of the file, as they will be imported.</source>
        <translation>
            <numerusform>The first %n record of the file, as they will be imported.</numerusform>
            <numerusform>The first %n records of the file, as they will be imported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="569"/>
        <source>imported %n record(s) in %1 s</source>
        <translation>
            <numerusform>imported %n record in %1 s</numerusform>
            <numerusform>imported %n records in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="657"/>
        <source>indexed %n record(s) for search</source>
        <translation>
            <numerusform>indexed %n record for search</numerusform>
            <numerusform>indexed %n records for search</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="722"/>
        <source>%n training record(s)</source>
        <translation>
            <numerusform>%n training record</numerusform>
            <numerusform>%n training records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="722"/>
        <source>%n validation record(s)</source>
        <translation>
            <numerusform>%n validation record</numerusform>
            <numerusform>%n validation records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="145"/>
        <source>None of the %n record(s) read has a text to put in [X].</source>
        <translation>
            <numerusform>None of the %n record read has a text to put in [X].</numerusform>
            <numerusform>None of the %n records read has a text to put in [X].</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="161"/>
        <source>Scored %n example(s).</source>
        <translation>
            <numerusform>Scored %n example.</numerusform>
            <numerusform>Scored %n examples.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="185"/>
        <source>%n example(s) scored (no summary).</source>
        <translation>
            <numerusform>%n example scored (no summary).</numerusform>
            <numerusform>%n examples scored (no summary).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="189"/>
        <source>Accuracy %1 · macro-F1 %2 over the %n record(s) with a gold label.</source>
        <translation>
            <numerusform>Accuracy %1 · macro-F1 %2 over the %n record with a gold label.</numerusform>
            <numerusform>Accuracy %1 · macro-F1 %2 over the %n records with a gold label.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="194"/>
        <source>%n record(s) scored in %1 s.</source>
        <translation>
            <numerusform>%n record scored in %1 s.</numerusform>
            <numerusform>%n records scored in %1 s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="204"/>
        <source>%n whose output is not one of the labels or answers (%1)</source>
        <translation>
            <numerusform>%n whose output is not one of the labels or answers (%1)</numerusform>
            <numerusform>%n whose output is not one of the labels or answers (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="208"/>
        <source>%n with an empty output</source>
        <translation>
            <numerusform>%n with an empty output</numerusform>
            <numerusform>%n with an empty output</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="211"/>
        <source>%n record(s) without a gold label: scored, but not in accuracy or macro-F1.</source>
        <translation>
            <numerusform>%n record without a gold label: scored, but not in accuracy or macro-F1.</numerusform>
            <numerusform>%n records without a gold label: scored, but not in accuracy or macro-F1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="213"/>
        <source>%n record(s) without a gold label, scored but not in accuracy or macro-F1: %1.</source>
        <translation>
            <numerusform>%n record without a gold label, scored but not in accuracy or macro-F1: %1.</numerusform>
            <numerusform>%n records without a gold label, scored but not in accuracy or macro-F1: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="218"/>
        <source>%n record(s) skipped (not scored): no text for [X] (empty instruction and input).</source>
        <translation>
            <numerusform>%n record skipped (not scored): no text for [X] (empty instruction and input).</numerusform>
            <numerusform>%n records skipped (not scored): no text for [X] (empty instruction and input).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanelrun.cpp" line="221"/>
        <source>%n record(s) read (%1, at most %2).</source>
        <translation>
            <numerusform>%n record read (%1, at most %2).</numerusform>
            <numerusform>%n records read (%1, at most %2).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/prompt/promptpanel.cpp" line="630"/>
        <source>%n label(s).</source>
        <translation>
            <numerusform>%n label.</numerusform>
            <numerusform>%n labels.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QualityPanel</name>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="314"/>
        <source>%n record(s) checked, %1 would be rejected (%2 s)</source>
        <translation>
            <numerusform>%n record checked, %1 would be rejected (%2 s)</numerusform>
            <numerusform>%n records checked, %1 would be rejected (%2 s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="547"/>
        <source>Quality check: reject %n record(s)</source>
        <translation>
            <numerusform>Quality check: reject %n record</numerusform>
            <numerusform>Quality check: reject %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="557"/>
        <source>Quality check: rejected %n record(s)</source>
        <translation>
            <numerusform>Quality check: rejected %n record</numerusform>
            <numerusform>Quality check: rejected %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="624"/>
        <source>Apply: reject %n record(s)</source>
        <translation>
            <numerusform>Apply: reject %n record</numerusform>
            <numerusform>Apply: reject %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="655"/>
        <source>Preview: %n record(s) checked; %1 rejected by rules, %2 near-duplicates (ROUGE-L above %3); %4 already rejected stay as they are. Nothing has changed yet: Apply rejects the checked ones in one undo step.</source>
        <translation>
            <numerusform>Preview: %n record checked; %1 rejected by rules, %2 near-duplicates (ROUGE-L above %3); %4 already rejected stay as they are. Nothing has changed yet: Apply rejects the checked ones in one undo step.</numerusform>
            <numerusform>Preview: %n records checked; %1 rejected by rules, %2 near-duplicates (ROUGE-L above %3); %4 already rejected stay as they are. Nothing has changed yet: Apply rejects the checked ones in one undo step.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="663"/>
        <source>Compared against a reference pool of %n record(s), which are never rejected.</source>
        <translation>
            <numerusform>Compared against a reference pool of %n record, which are never rejected.</numerusform>
            <numerusform>Compared against a reference pool of %n records, which are never rejected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="670"/>
        <source>Rejected %n record(s). Edit ▸ Undo restores them.</source>
        <translation>
            <numerusform>Rejected %n record. Edit ▸ Undo restores it.</numerusform>
            <numerusform>Rejected %n records. Edit ▸ Undo restores them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/quality/qualitypanel.cpp" line="684"/>
        <source>%n of these have the same instruction as their match but a different input — probably not duplicates. They start unchecked, so Apply keeps them unless you check them.</source>
        <translation>
            <numerusform>%n of these has the same instruction as its match but a different input — probably not a duplicate. It starts unchecked, so Apply keeps it unless you check it.</numerusform>
            <numerusform>%n of these have the same instruction as their match but a different input — probably not duplicates. They start unchecked, so Apply keeps them unless you check them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message numerus="yes">
        <location filename="../widgets/curation/recordactions.cpp" line="214"/>
        <source>Deleted %n record(s); Edit ▸ Undo brings them back.</source>
        <translation>
            <numerusform>Deleted %n record; Edit ▸ Undo brings them back.</numerusform>
            <numerusform>Deleted %n records; Edit ▸ Undo brings them back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message numerus="yes">
        <location filename="../widgets/curation/recordeditor.cpp" line="426"/>
        <source> · conversation of %n turn(s)</source>
        <translation>
            <numerusform> · conversation of %n turn</numerusform>
            <numerusform> · conversation of %n turns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message numerus="yes">
        <location filename="../widgets/curation/recordtablemodel.cpp" line="246"/>
        <source>A conversation of %n turn(s) (a turn is a user message and its reply)</source>
        <translation>
            <numerusform>A conversation of %n turn (a turn is a user message and its reply)</numerusform>
            <numerusform>A conversation of %n turns (a turn is a user message and its reply)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordsCommand</name>
    <message numerus="yes">
        <location filename="../widgets/curation/recordscommand.cpp" line="21"/>
        <source>New %n record(s)</source>
        <translation>
            <numerusform>New %n record</numerusform>
            <numerusform>New %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/recordscommand.cpp" line="23"/>
        <source>Duplicate %n record(s)</source>
        <translation>
            <numerusform>Duplicate %n record</numerusform>
            <numerusform>Duplicate %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/recordscommand.cpp" line="25"/>
        <source>Delete %n record(s)</source>
        <translation>
            <numerusform>Delete %n record</numerusform>
            <numerusform>Delete %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RejectionText</name>
    <message numerus="yes">
        <location filename="../widgets/common/rejectiontext.cpp" line="132"/>
        <source>%1 has %n character(s) (minimum %2)</source>
        <translation>
            <numerusform>%1 has %n character (minimum %2)</numerusform>
            <numerusform>%1 has %n characters (minimum %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/rejectiontext.cpp" line="133"/>
        <source>%1 has %n character(s) (maximum %2)</source>
        <translation>
            <numerusform>%1 has %n character (maximum %2)</numerusform>
            <numerusform>%1 has %n characters (maximum %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/rejectiontext.cpp" line="135"/>
        <source>%1 has %n word(s) (minimum %2)</source>
        <translation>
            <numerusform>%1 has %n word (minimum %2)</numerusform>
            <numerusform>%1 has %n words (minimum %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/common/rejectiontext.cpp" line="136"/>
        <source>%1 has %n word(s) (maximum %2)</source>
        <translation>
            <numerusform>%1 has %n word (maximum %2)</numerusform>
            <numerusform>%1 has %n words (maximum %2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunList</name>
    <message numerus="yes">
        <location filename="../widgets/training/runlist.cpp" line="549"/>
        <source>%n turn(s) of long conversations left out</source>
        <translation>
            <numerusform>%n turn of long conversations left out</numerusform>
            <numerusform>%n turns of long conversations left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlist.cpp" line="552"/>
        <source>%n long conversation(s) split into several examples</source>
        <translation>
            <numerusform>%n long conversation split into several examples</numerusform>
            <numerusform>%n long conversations split into several examples</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlist.cpp" line="558"/>
        <source>%n record(s) the prompt format refused, skipped</source>
        <translation>
            <numerusform>%n record the prompt format refused, skipped</numerusform>
            <numerusform>%n records the prompt format refused, skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlaunch.cpp" line="148"/>
        <source>exported %n training record(s)</source>
        <translation>
            <numerusform>exported %n training record</numerusform>
            <numerusform>exported %n training records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlaunch.cpp" line="207"/>
        <source>Resumed %1 with %n processes.</source>
        <translation>
            <numerusform>Resumed %1 with %n process.</numerusform>
            <numerusform>Resumed %1 with %n processes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlaunch.cpp" line="208"/>
        <source>Started %1 with %n processes.</source>
        <translation>
            <numerusform>Started %1 with %n process.</numerusform>
            <numerusform>Started %1 with %n processes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/runlistactions.cpp" line="218"/>
        <source>%n weight(s) kept f16 (rows not a multiple of q8_0&apos;s block of 32)</source>
        <translation>
            <numerusform>%n weight kept f16 (rows not a multiple of q8_0&apos;s block of 32)</numerusform>
            <numerusform>%n weights kept f16 (rows not a multiple of q8_0&apos;s block of 32)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetFlagCommand</name>
    <message numerus="yes">
        <location filename="../widgets/curation/setflagcommand.cpp" line="24"/>
        <source>Flag %n records</source>
        <translation>
            <numerusform>Flag %n record</numerusform>
            <numerusform>Flag %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/curation/setflagcommand.cpp" line="25"/>
        <source>Unflag %n records</source>
        <translation>
            <numerusform>Unflag %n record</numerusform>
            <numerusform>Unflag %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetStatusCommand</name>
    <message numerus="yes">
        <location filename="../widgets/common/setstatuscommand.cpp" line="43"/>
        <source>Mark %n records %1</source>
        <translation>
            <numerusform>Mark %n record %1</numerusform>
            <numerusform>Mark %n records %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message numerus="yes">
        <location filename="../widgets/training/trainingform.cpp" line="597"/>
        <source>%1 (%n accepted)</source>
        <translation>
            <numerusform>%1 (%n accepted)</numerusform>
            <numerusform>%1 (%n accepted)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/trainingformconfig.cpp" line="366"/>
        <source>Memory estimate per process: %1 (weights %2, gradients %3, optimizer %4, activations %5); × %n processes = %6 on this machine</source>
        <translation>
            <numerusform>Memory estimate per process: %1 (weights %2, gradients %3, optimizer %4, activations %5); × %n process = %6 on this machine</numerusform>
            <numerusform>Memory estimate per process: %1 (weights %2, gradients %3, optimizer %4, activations %5); × %n processes = %6 on this machine</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/trainingformconfig.cpp" line="377"/>
        <source>%n processes × %1 rows per micro-batch (global batch %2 × %3 accumulation = %4 rows per step): the same result as 1 process</source>
        <translation>
            <numerusform>%n process × %1 rows per micro-batch (global batch %2 × %3 accumulation = %4 rows per step): the same result as 1 process</numerusform>
            <numerusform>%n processes × %1 rows per micro-batch (global batch %2 × %3 accumulation = %4 rows per step): the same result as 1 process</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/trainingformconfig.cpp" line="389"/>
        <source>%n processes for %1 CPU cores: on the CPU each process should have a core of its own; more processes than cores only slow the run down.</source>
        <translation>
            <numerusform>%n process for %1 CPU cores: on the CPU each process should have a core of its own; more processes than cores only slow the run down.</numerusform>
            <numerusform>%n processes for %1 CPU cores: on the CPU each process should have a core of its own; more processes than cores only slow the run down.</numerusform>
        </translation>
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
— %n token in %1 s</numerusform>
            <numerusform>
— %n tokens in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/training/tryresult.cpp" line="318"/>
        <source>The model produced only whitespace (%n token(s) of spaces or line breaks).</source>
        <translation>
            <numerusform>The model produced only whitespace (%n token of spaces or line breaks).</numerusform>
            <numerusform>The model produced only whitespace (%n tokens of spaces or line breaks).</numerusform>
        </translation>
    </message>
</context>
</TS>
