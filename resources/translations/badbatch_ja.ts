<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AppController</name>
    <message>
        <location filename="../../badbatch_gui/gui/controller.py" line="+110"/>
        <source>The folder {0} does not exist or is not a folder.</source>
        <translation>フォルダー {0} が見つからないか、フォルダーではありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wait for the current task to finish (or cancel it) first.</source>
        <translation>実行中の処理が終わるまで待つか、先に中止してください。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Scan a folder first.</source>
        <translation>先にフォルダーをスキャンしてください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading the machine-learning runtime; scoring starts right after.</source>
        <translation>機械学習ランタイムを読み込み中です。読み込みが終わるとすぐに採点を始めます。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Nothing changed: these photos already had this decision.</source>
        <translation>変更はありません。これらの写真はすでにこの設定になっています。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n photo(s) left out of training.</source>
        <translation>
            <numerusform>%n 枚の写真を学習から外しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n photo(s) kept for training.</source>
        <translation>
            <numerusform>%n 枚の写真を学習に使うようにしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Decision cleared for %n photo(s).</source>
        <translation>
            <numerusform>%n 枚の写真の設定を取り消しました。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The machine-learning runtime could not be loaded. Scoring and training will not work until this is fixed.</source>
        <translation>機械学習ランタイムを読み込めませんでした。この問題が解決するまで、採点と学習は使えません。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Another task is running; wait for it or cancel it first.</source>
        <translation>別の処理が実行中です。終わるまで待つか、先に中止してください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>Scan finished: %n usable image(s).</source>
        <translation>
            <numerusform>スキャン完了: 使える画像は %n 枚です。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Batch check finished.</source>
        <translation>バッチチェックが完了しました。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopped. Nothing was changed.</source>
        <translation>停止しました。何も変更されていません。</translation>
    </message>
</context>
<context>
    <name>BatchCheckPage</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/page.py" line="+59"/>
        <source>&lt;h2&gt;2 · Batch check&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;2 · バッチチェック&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Selected batch</source>
        <translation>選択したバッチ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export list…</source>
        <translation>リストを書き出す…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next: Train</source>
        <translation>次へ: 学習</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to step 3 to train the feature network; your decisions are used.</source>
        <translation>ステップ3で特徴ネットワークを学習します。あなたの判断が反映されます。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Choose and scan a folder in step 1 first.</source>
        <translation>先にステップ1でフォルダーを選んでスキャンしてください。</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Before training, the app looks at every photo and at the batches training will draw. Photos that look wrong — too dark, blurry, cut off, unlike the rest — come first: leave them out or keep them. Photos and batches you reject are left out of training.</source>
        <translation>学習の前に、すべての写真と、学習で使うバッチを確認します。写りの悪い写真（暗すぎる、ぼやけている、はみ出している、ほかと違うなど）を最初に表示しますので、外すか使うかを選んでください。除外した写真とバッチは学習に使われません。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Batches</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save a CSV file for a spreadsheet: every photo that looks wrong and every photo left out, each with who decided (left out automatically, left out by you, kept by you) and why, and the photos of batches above the threshold that training still uses.</source>
        <translation>表計算ソフト用の CSV ファイルを保存します。写りの悪い写真と学習から外す写真のすべてを、誰が決めたか（自動で除外、あなたが除外、あなたが使うと判断）と理由つきで書き出します。しきい値を超えたバッチのうち、学習にそのまま使う写真も含みます。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Click “Check batches” to check the {0} usable photos.</source>
        <translation>「バッチをチェック」をクリックすると、使える写真 {0} 枚をチェックします。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>(all left out of training)</source>
        <translation>（すべて学習から外しています）</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n batch(es) above the threshold</source>
        <translation>
            <numerusform>%n 個のバッチがしきい値を超えています</numerusform>
        </translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Save the list of photos left out</source>
        <translation>学習から外す写真のリストを保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The list could not be saved: {0}</source>
        <translation>リストを保存できませんでした: {0}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Saved %n photo(s) to the list.</source>
        <translation>
            <numerusform>%n 枚の写真をリストに保存しました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchReview</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/batch_review.py" line="+139"/>
        <location line="+82"/>
        <source>Select a batch in the list to see its photos.</source>
        <translation>リストからバッチを選ぶと、その写真が表示されます。</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the previous batch in the list (P).</source>
        <translation>リストの前のバッチを表示します (P)。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the next batch in the list (N).</source>
        <translation>リストの次のバッチを表示します (N)。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep batch</source>
        <translation>バッチを使う</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use every photo of this batch for training, even if its score is high (A).</source>
        <translation>スコアが高くても、このバッチの写真をすべて学習に使います (A)。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject batch</source>
        <translation>バッチを除外</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave every photo of this batch out of training (R).</source>
        <translation>このバッチの写真をすべて学習から外します (R)。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget your decisions for this batch&apos;s photos.</source>
        <translation>このバッチの写真についての判断を取り消します。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Original</source>
        <translation>元の写真</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The photo as it is.</source>
        <translation>加工していない写真です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View 1</source>
        <translation>ビュー 1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A random variation (crop, colour, blur) the network trains on.</source>
        <translation>ネットワークが学習に使う、ランダムな変化（切り抜き・色・ぼかし）を加えた写真です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>View 2</source>
        <translation>ビュー 2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A second random variation of the same photo.</source>
        <translation>同じ写真に別のランダムな変化を加えたものです。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>above the threshold: unrepresentative</source>
        <translation>しきい値超え: 代表的でない</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>below the threshold</source>
        <translation>しきい値以下</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Batch {0}&lt;/b&gt; · score {1:.4g} ({2}) · {3} photos, most unusual first</source>
        <translation>&lt;b&gt;バッチ {0}&lt;/b&gt; · スコア {1:.4g}（{2}）· 写真 {3} 枚、異常な順</translation>
    </message>
</context>
<context>
    <name>BatchScores</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/batch_scores.py" line="+19"/>
        <source>batches</source>
        <translation>バッチ数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>batch score (higher = more unusual)</source>
        <translation>バッチのスコア（高いほど普段と違う）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>threshold</source>
        <translation>しきい値</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many batches got each score; a triangle under the axis marks each batch. Drag the line (the threshold): batches to its right are unrepresentative. The score is the Fréchet distance (FRD) between a batch&apos;s features and those of the folder&apos;s typical photos.</source>
        <translation>各スコアのバッチ数です。軸の下の三角がそれぞれのバッチです。線（しきい値）をドラッグすると、線より右のバッチが「代表的でない」になります。スコアは、バッチの特徴とフォルダーの典型的な写真の特徴とのフレシェ距離（FRD）です。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Batches scoring above this number are rejected; type a value or drag the line.</source>
        <translation>この値を超えるスコアのバッチは除外されます。値を入力するか、線をドラッグしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go back to the threshold the app computed: how high batches of photos that look fine score (in the augmentation check: the median batch plus three typical deviations).</source>
        <translation>アプリが計算したしきい値に戻します。問題のない写真だけのバッチがどこまでのスコアになるかをもとにしています（拡張チェックでは、中央値に典型的なばらつきの3倍を足した値です）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Threshold:</source>
        <translation>しきい値:</translation>
    </message>
</context>
<context>
    <name>BatchTableModel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/batch_table.py" line="+29"/>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The batch&apos;s number in training&apos;s first round.</source>
        <translation>学習の1巡目でのバッチ番号です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Whether the score is above the threshold.</source>
        <translation>スコアがしきい値を超えているかどうかです。</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Batch score</source>
        <translation>バッチのスコア</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left out / kept</source>
        <translation>除外／使う</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>How unusual the batch&apos;s photos are together, compared with the folder&apos;s typical photos (in the augmentation check: how much the two variations of its photos disagree). Higher is more unusual. Technically: the Fréchet distance (FRD) between the batch&apos;s features and the folder&apos;s.</source>
        <translation>バッチの写真全体が、フォルダーの典型的な写真とどれだけ違うかを表します（拡張チェックでは、写真の2つの変化版がどれだけ食い違うか）。高いほど普段と違います。技術的には、バッチの特徴とフォルダーの特徴とのフレシェ距離（FRD）です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What makes a batch above the threshold unusual: photos that look wrong, mostly one photo, or the mix of its photos. Hover over a row for the whole sentence.</source>
        <translation>しきい値を超えたバッチが普段と違う理由です。写りの悪い写真、ほぼ1枚の写真、または写真の組み合わせのどれかです。行にマウスを重ねると、説明の全文が表示されます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which of the batch&apos;s photos are left out of training (automatically, because they look wrong, or by you) and which you kept.</source>
        <translation>このバッチの写真のうち、学習から外すもの（写りが悪いため自動で、またはあなたが外したもの）と、あなたが使うと決めたものの数です。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Batch {0}</source>
        <translation>バッチ {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unrepresentative</source>
        <translation>代表的でない</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Looks fine</source>
        <translation>問題なし</translation>
    </message>
</context>
<context>
    <name>BatchText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/batch_text.py" line="+26"/>
        <source>mostly one photo</source>
        <translation>ほぼ1枚の写真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the mix of photos</source>
        <translation>写真の組み合わせ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+43"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>{0} and {1} more</source>
        <translation>{0} ほか {1} 枚</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unusual because of the photos that look wrong in it: {0}.</source>
        <translation>写りの悪い写真が含まれているため、普段と違います: {0}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unusual mostly because of one photo, {0}: it does not look wrong on its own, but it is the least typical of this batch. Rejecting only that photo is enough.</source>
        <translation>ほぼ1枚の写真 {0} のために普段と違います。この写真だけなら写りは悪くありませんが、このバッチの中で最も典型から外れています。この写真だけを除外すれば十分です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No single photo makes it unusual: the mix of its photos is less typical of the folder than batches of photos that look fine usually are.</source>
        <translation>特定の1枚が原因ではありません。写りに問題のない写真だけのバッチと比べて、写真の組み合わせ全体がフォルダーの典型から外れています。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0} because of photos that look wrong</source>
        <translation>写りの悪い写真のため {0} 個</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} mostly because of one photo</source>
        <translation>ほぼ1枚の写真のため {0} 個</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} because of the mix of photos</source>
        <translation>写真の組み合わせのため {0} 個</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why: {0}. Rejecting all of them would throw away {1} photos that look fine; pick a batch to see which photos make it unusual.</source>
        <translation>理由: {0}。これらをすべて除外すると、写りに問題のない写真 {1} 枚も捨てることになります。バッチを選ぶと、どの写真が原因かを確認できます。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} left out automatically</source>
        <translation>{0} 枚を自動で除外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} left out by you</source>
        <translation>{0} 枚をあなたが除外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} kept by you</source>
        <translation>{0} 枚をあなたが使うと判断</translation>
    </message>
</context>
<context>
    <name>CheckControls</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/check_controls.py" line="+95"/>
        <source>Choose and scan a folder on the Images step first.</source>
        <translation>先に「画像」ステップでフォルダーを選んでスキャンしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This folder has no usable photo, so there is nothing to check. Choose another folder on the Images step; it says what it found.</source>
        <translation>このフォルダーには使える写真がないため、チェックするものがありません。「画像」ステップで別のフォルダーを選んでください（見つかったものはそこに表示されています）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder has only one usable photo; the check needs at least {0}.</source>
        <translation>このフォルダーで使える写真は 1 枚だけです。チェックには少なくとも {0} 枚必要です。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Next check: batches of {0}, lowered from {1} so the {2} photos not left out give at least {3} batches, which the automatic threshold needs.</source>
        <translation>次のチェック: バッチサイズ {0}。学習から外していない写真 {2} 枚から、自動しきい値に必要な {3} 個以上のバッチができるよう、{1} から下げました。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Preparing…</source>
        <translation>準備中…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading the photos…</source>
        <translation>写真を読み込み中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking at the original photos…</source>
        <translation>元の写真を解析中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scoring batches…</source>
        <translation>バッチを採点中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Working…</source>
        <translation>処理中…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading the machine-learning runtime…</source>
        <translation>機械学習ランタイムを読み込み中…</translation>
    </message>
</context>
<context>
    <name>CheckPanel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/inspect/check_panel.py" line="+68"/>
        <location line="+119"/>
        <source>Choose a folder of new photos to check.</source>
        <translation>確認する新しい写真のフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Choose folder…</source>
        <translation>フォルダーを選ぶ…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new photos to check (the folder is only read, never changed).</source>
        <translation>確認する新しい写真です（フォルダーは読み取るだけで、変更しません）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>確認する</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare every new photo with the normal photos. The first time, the app first learns what the normal photos look like (this is kept).</source>
        <translation>新しい写真を1枚ずつ正常な写真と比べます。初回は、まず正常な写真の見た目を学びます（結果は保存されます）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop checking; the photos checked so far stay listed.</source>
        <translation>確認を中止します。それまでに確認した写真は一覧に残ります。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The share of normal photos the check may call unusual by mistake. The threshold is set from the normal photos&apos; own scores, so no photos of faulty parts are needed.</source>
        <translation>正常な写真を誤って「いつもと違う」と判定してよい割合です。しきい値は正常な写真自身のスコアから決めるので、不良品の写真は必要ありません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show every checked photo, or only those of one verdict.</source>
        <translation>確認したすべての写真、または1つの判定の写真だけを表示します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show where it differs</source>
        <translation>違う箇所を表示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour each photo where it differs from the normal photos (a heat map): red above the threshold, orange close to it.</source>
        <translation>正常な写真と違う箇所を色で示します（ヒートマップ）。赤はしきい値を超えた箇所、オレンジはしきい値に近い箇所です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as CSV…</source>
        <translation>CSV で保存…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save every checked photo with its score, verdict and reasons as a CSV file for a spreadsheet.</source>
        <translation>確認したすべての写真を、スコア・判定・理由とともに表計算ソフト用の CSV ファイルに保存します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report…</source>
        <translation>レポート…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a report of this check as a PDF to hand over: how many photos look normal or unusual, the threshold and its false-alarm rate, and the most unusual photos with where they differ.</source>
        <translation>この検査のレポートを PDF で保存します。報告用に、正常に見える写真といつもと違う写真の数、しきい値と誤検出率、いちばん普段と違う写真とその違う場所をまとめます。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New photos:</source>
        <translation>新しい写真:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>False alarms:</source>
        <translation>誤検出の割合:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Build the index first: its photos are taken as normal.</source>
        <translation>先に索引を作ってください。索引の写真が正常な写真として使われます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each new photo is compared with the {0} indexed photos of {1}, taken as photos of normal parts.</source>
        <translation>新しい写真を、{1} の索引にある {0} 枚の写真（正常な部品の写真とみなします）と比べます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each new photo is compared with {0} photos of normal parts from {1}.</source>
        <translation>新しい写真を、{1} にある正常な部品の写真 {0} 枚と比べます。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Save the checked photos</source>
        <translation>確認した写真の一覧を保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the folder of new photos</source>
        <translation>新しい写真のフォルダーを選んでください</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>All ({0})</source>
        <translation>すべて（{0}）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Looks unusual ({0})</source>
        <translation>いつもと違う（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bad shots ({0})</source>
        <translation>失敗写真（{0}）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Looks normal ({0})</source>
        <translation>正常に見える（{0}）</translation>
    </message>
</context>
<context>
    <name>CloseQuestion</name>
    <message>
        <location filename="../../badbatch_gui/gui/dialogs/close_question.py" line="+20"/>
        <source>Training is running</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training is still running. Close the app anyway?</source>
        <translation>まだ学習中です。アプリを終了しますか？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“Stop and keep progress” saves the run&apos;s progress and closes the app; the next time you start it, it offers to continue the run. “Keep training” goes back to the window.</source>
        <translation>「停止して進み具合を保存」を押すと、ここまでの学習を保存してアプリを終了します。次に起動したときに続きから再開できます。「学習を続ける」を押すと画面に戻ります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop and keep progress</source>
        <translation>停止して進み具合を保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep training</source>
        <translation>学習を続ける</translation>
    </message>
</context>
<context>
    <name>CrashNoteDialog</name>
    <message>
        <location filename="../../badbatch_gui/gui/dialogs/crash_note.py" line="+22"/>
        <source>The app closed unexpectedly</source>
        <translation>アプリが予期せず終了しました</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>BadBatch Studio closed unexpectedly last time (the session started {0}). Your photos, your decisions and saved training progress are kept; a training run that was interrupted can be resumed on the Train step.

The log files that say what happened are in:
{1}
If it happens again, send them to whoever looks after this computer.</source>
        <translation>前回、BadBatch Studio が予期せず終了しました（{0} に開始した作業）。写真、あなたの判断、保存済みの学習の進み具合は残っています。途中で止まった学習は「学習」ステップで再開できます。

何が起きたかを記録したログファイルの場所:
{1}
もう一度起きた場合は、このコンピューターの管理者にログファイルを送ってください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open log folder</source>
        <translation>ログフォルダーを開く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens the folder with the app&apos;s log files.</source>
        <translation>アプリのログファイルがあるフォルダーを開きます。</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../badbatch_gui/gui/dialogs/error_dialog.py" line="+27"/>
        <source>Something needs your attention</source>
        <translation>確認が必要です</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Copy details</source>
        <translation>詳細をコピー</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copies the message and the technical details, to paste into an e-mail to support.</source>
        <translation>メッセージと技術的な詳細をコピーします。サポートへのメールに貼り付けてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open log folder</source>
        <translation>ログフォルダーを開く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens the folder with the app&apos;s log files.</source>
        <translation>アプリのログファイルがあるフォルダーを開きます。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Copied. Paste it into an e-mail to support.</source>
        <translation>コピーしました。サポートへのメールに貼り付けてください。</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/error_text.py" line="+36"/>
        <source>What to do: read the message above and try again. If it happens again, press “Copy details” and send the text to whoever looks after this computer.</source>
        <translation>対処方法: 上のメッセージを確認して、もう一度お試しください。繰り返し起きる場合は「詳細をコピー」を押して、その内容をこのコンピューターの管理者に送ってください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Something went wrong.</source>
        <translation>問題が発生しました。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The computer ran out of memory. Close other programs or choose smaller settings (batch size, image size), then try again.</source>
        <translation>コンピューターのメモリーが足りなくなりました。ほかのプログラムを閉じるか、設定（バッチサイズ、画像サイズ）を小さくしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The app was not allowed to open or write {0}. Choose a folder you may write to, or ask for access.</source>
        <translation>{0} を開くか書き込む権限がありません。書き込みできるフォルダーを選ぶか、アクセス権を依頼してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A file could not be read or written ({0}: {1}). Check that the disk or network folder is still connected, then try again.</source>
        <translation>ファイルを読み書きできませんでした（{0}: {1}）。ディスクやネットワークフォルダーがつながっているか確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something went wrong inside the app ({0}). Nothing you saved was lost. Try again; if it happens again, press “Copy details” and send the text to whoever looks after this computer.</source>
        <translation>アプリの内部で問題が発生しました（{0}）。保存済みのデータは失われていません。もう一度お試しください。繰り返し起きる場合は「詳細をコピー」を押して、その内容をこのコンピューターの管理者に送ってください。</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+16"/>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Passes over the photos</source>
        <translation>全写真を学習する回数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image size</source>
        <translation>画像サイズ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smallest usable photo side</source>
        <translation>使える写真の最小の辺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training method</source>
        <translation>学習方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check mode</source>
        <translation>チェック方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Percentile</source>
        <translation>パーセンタイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Self-test photos</source>
        <translation>自己テストに使う写真の数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shuffle number</source>
        <translation>シャッフル番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How it learns</source>
        <translation>学習方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspection image size</source>
        <translation>検査する画像の大きさ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patches kept in memory</source>
        <translation>記憶しておく小領域の数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal photos used</source>
        <translation>使用する正常な写真の数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>False-alarm rate</source>
        <translation>誤検出率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Most photos to use</source>
        <translation>使用する写真の上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up passes</source>
        <translation>ウォームアップの回数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save progress every … steps</source>
        <translation>進み具合を保存する間隔（ステップ）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a training run or an export made by this app, or use no trained network.</source>
        <translation>このアプリで作った学習の実行か書き出しを選ぶか、学習済みネットワークを使わないでください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Start a new run instead (Start training).</source>
        <translation>代わりに新しい学習を始めてください（「学習を開始」）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The folder {0} holds no photos the app can use: it has no JPEG, PNG, BMP, TIFF or WebP files (sub-folders are searched too). Choose another folder.</source>
        <translation>フォルダー {0} には、このアプリで使える写真がありません。JPEG、PNG、BMP、TIFF、WebP のファイルが見つかりませんでした（サブフォルダーも探しています）。別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None of the {1} picture files in {0} can be used; the Problems tab of the Images step says why for each file. Choose another folder, or replace the damaged files and scan again.</source>
        <translation>{0} にある {1} 個の画像ファイルは、どれも使えません。理由は「画像」ステップの「問題」タブにファイルごとに表示されています。別のフォルダーを選ぶか、壊れたファイルを差し替えてからもう一度スキャンしてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder {0} cannot be opened ({1}). Check that it is still connected and that you may read it, then choose it again.</source>
        <translation>フォルダー {0} を開けません（{1}）。つながっているか、読み取る権限があるかを確認してから、もう一度選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder {0} cannot be found. It may have been moved, renamed or disconnected (USB drive, network share). Reconnect it, or choose another folder.</source>
        <translation>フォルダー {0} が見つかりません。移動、名前の変更、または切断（USB ドライブ、ネットワーク共有）された可能性があります。つなぎ直すか、別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is a file, not a folder. Choose the folder that holds your photos.</source>
        <translation>{0} はフォルダーではなくファイルです。写真が入っているフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are not allowed to open the folder {0}. Ask for access, or copy the photos to a folder you can open.</source>
        <translation>フォルダー {0} を開く権限がありません。アクセス権を依頼するか、開けるフォルダーに写真をコピーしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} photos in a row could not be read, so the app stopped. The folder may have been moved or its disk disconnected: check it, then scan it again on the Images step.</source>
        <translation>{0} 枚続けて写真を読み込めなかったため、処理を止めました。フォルダーが移動されたか、ディスクが外れた可能性があります。確認してから「画像」ステップでもう一度スキャンしてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every usable photo of this folder is left out, so nothing is left to check or train on. Keep some photos on the Batch check step.</source>
        <translation>このフォルダーで使える写真がすべて除外されているため、チェックや学習に使う写真が残っていません。「バッチチェック」ステップで一部の写真を「使う」にしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Batch check results could not be saved to {0} ({1}). They apply until you close the app; make that folder writable, then run the Batch check again.</source>
        <translation>バッチチェックの結果を {0} に保存できませんでした（{1}）。アプリを閉じるまでは結果が使われます。このフォルダーに書き込めるようにしてから、もう一度バッチチェックを実行してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only {0} photos can be used, fewer than one batch of {1}. Choose a batch size of at most {2}, or add photos to the folder.</source>
        <translation>使える写真は {0} 枚だけで、1 バッチ（{1} 枚）に足りません。バッチサイズを {2} 以下にするか、フォルダーに写真を追加してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The training processes read different photos. The photo folder must be the same, at the same path, on every computer.</source>
        <translation>学習の各プロセスが読み込んだ写真が一致しません。写真のフォルダーは、どのコンピューターでも同じ場所に同じ内容で置いてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The run folder is inside your photo folder, and the app never writes into your photo folder. Choose a run folder somewhere else.</source>
        <translation>学習の保存先が写真のフォルダーの中にあります。このアプリは写真のフォルダーには書き込みません。保存先を別の場所にしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This run is already training in another window or program. Wait for it to finish, or stop it there first.</source>
        <translation>この学習は、ほかのウィンドウかプログラムですでに実行中です。終わるまで待つか、先にそちらで停止してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This run has no saved progress to continue from.</source>
        <translation>この学習には、続きから再開するための保存データがありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This run was saved by another version of the app and cannot be continued.</source>
        <translation>この学習は別のバージョンのアプリで保存されたため、続けることができません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The photos in the folder changed since this run was saved (files were added, removed or renamed), so it cannot continue exactly.</source>
        <translation>この学習を保存した後にフォルダーの写真が変わった（追加、削除、名前の変更）ため、正確に続けることができません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some photos of this run can no longer be read, so it cannot continue exactly.</source>
        <translation>この学習で使っていた写真の一部が読み込めなくなったため、正確に続けることができません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The saved progress of this run is incomplete, so it cannot continue.</source>
        <translation>この学習の保存データが不完全なため、続けることができません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The progress could not be saved safely (it held something other than plain training data). Press “Copy details” and send the text to support.</source>
        <translation>進み具合を安全に保存できませんでした（学習データ以外のものが含まれていました）。「詳細をコピー」を押して、その内容をサポートに送ってください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The saved progress ({0}) is damaged.</source>
        <translation>保存データ（{0}）が壊れています。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The saved progress {0} is damaged and no earlier saved point is available.</source>
        <translation>保存データ {0} が壊れていて、それより前の保存データもありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The saved progress {0} cannot be found.</source>
        <translation>保存データ {0} が見つかりません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file {0} contains program code instead of plain training data, so it was not loaded. Only use files this app wrote.</source>
        <translation>ファイル {0} には学習データではなくプログラムのコードが含まれているため、読み込みませんでした。このアプリが書き出したファイルだけを使ってください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A graphics card ran out of memory at batch size {0}. Training stopped and the last saved point is kept. Start a new run with a smaller batch size or image size.</source>
        <translation>バッチサイズ {0} でグラフィックボードのメモリーが足りなくなりました。学習を止め、最後の保存データは残してあります。バッチサイズか画像サイズを小さくして、新しい学習を始めてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Even one trial batch did not fit in memory. Choose a smaller batch size or image size.</source>
        <translation>試しの 1 バッチさえメモリーに収まりませんでした。バッチサイズか画像サイズを小さくしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training process {0} has no graphics card of its own: this computer has {1}. Use at most {1} graphics cards.</source>
        <translation>学習プロセス {0} に割り当てるグラフィックボードがありません（このコンピューターには {1} 枚あります）。使うグラフィックボードは {1} 枚までにしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A batch of {0} photos cannot be shared evenly by {1} graphics cards. Choose a batch size that is a multiple of {1}.</source>
        <translation>{0} 枚のバッチは {1} 枚のグラフィックボードで均等に分けられません。バッチサイズを {1} の倍数にしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training on several graphics cards failed in its first process ({0}). The log folder has the details.</source>
        <translation>複数のグラフィックボードでの学習が、最初のプロセスで失敗しました（{0}）。詳しくはログフォルダーを確認してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Progress could not be saved to {0} ({1}).</source>
        <translation>進み具合を {0} に保存できませんでした（{1}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The previous saved point is kept.</source>
        <translation>前回の保存時点は残っています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No progress had been saved yet.</source>
        <translation>まだ進み具合は保存されていませんでした。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the folder writable (or free some space), then press Resume.</source>
        <translation>フォルダーに書き込めるようにする（または空き容量を確保する）と、「再開」で続けられます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run folder {0} cannot be written ({1}). Choose a folder you can write to, or free some space.</source>
        <translation>学習フォルダー {0} に書き込めません（{1}）。書き込めるフォルダーを選ぶか、空き容量を確保してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} already holds a training run, so it was not changed. Continue that run, or choose another folder.</source>
        <translation>{0} にはすでに学習が入っているため、変更しませんでした。その学習を続けるか、別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is a file, not a run folder. Choose a folder.</source>
        <translation>{0} はファイルで、学習フォルダーではありません。フォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} holds no training run to continue. Choose a run from the run list.</source>
        <translation>{0} には続きから再開できる学習がありません。学習の一覧から選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The run in {0} is training right now in another window or program, so it was not changed.</source>
        <translation>{0} の学習は別のウィンドウまたはプログラムで実行中のため、変更しませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The earlier run in {0} could not be moved aside ({1}), so nothing was changed. Choose another run folder.</source>
        <translation>{0} にある以前の学習を別の場所に移せなかったため（{1}）、何も変更していません。別の学習フォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The export cannot be written in {0} ({1}). Choose a folder you can write to that has free space.</source>
        <translation>{0} に書き出せません（{1}）。書き込みができ、空き容量のあるフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The report cannot be saved as {0} ({1}). Choose a folder you can write to that has free space.</source>
        <translation>レポートを {0} として保存できません（{1}）。書き込みができて空き容量のあるフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is not a training run folder, so it has no report. Choose a run in the list of runs.</source>
        <translation>{0} は学習の実行フォルダーではないため、レポートを作れません。実行一覧から実行を選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The export to {0} failed unexpectedly; nothing was left behind. The details are in the log (Help → Open log folder).</source>
        <translation>{0} への書き出しが予期せず失敗しました。途中のファイルは残っていません。詳しくはログをご覧ください（ヘルプ → ログフォルダーを開く）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} also holds files that an export does not write ({1}), so it was not replaced. Move them elsewhere, or choose another folder.</source>
        <translation>{0} には書き出しで作られないファイル（{1}）もあるため、置き換えませんでした。それらを別の場所に移すか、別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The way of learning as the EMC2 paper intends trains on one graphics card only. Train on one card, or choose the recommended way to use several.</source>
        <translation>EMC2 の論文どおりの学習方法は、グラフィックスカード 1 枚でしか学習できません。1 枚で学習するか、複数のカードを使う場合は推奨の方法を選んでください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The network {0} no longer exists. Choose another run or export.</source>
        <translation>ネットワーク {0} が見つかりません。別の実行か書き出したネットワークを選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} is neither a training run nor an exported network. Choose the folder that holds encoder.safetensors.</source>
        <translation>{0} は学習の実行でも、書き出したネットワークでもありません。encoder.safetensors が入っているフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} does not say which image size the network expects, so it cannot be used here.</source>
        <translation>{0} にはネットワークが想定する画像サイズが記録されていないため、ここでは使えません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No photo of {0} is left to index: every photo is left out or missing.</source>
        <translation>{0} には索引に登録できる写真が残っていません。すべて除外されているか、見つかりません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None of the photos of {0} could be read.</source>
        <translation>{0} の写真を1枚も読み込めませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder {0} holds no photo that can be checked.</source>
        <translation>フォルダー {0} には確認できる写真がありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only {0} usable normal photos: at least {1} are needed to learn what normal parts look like. Index a folder with more photos of good parts.</source>
        <translation>使える正常な写真が {0} 枚しかありません。正常な部品の見た目を学ぶには少なくとも {1} 枚必要です。良品の写真がもっと入ったフォルダーで索引を作ってください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>The index belongs to another network. Build the index again.</source>
        <translation>この索引は別のネットワークのものです。索引を作り直してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for at least one similar photo.</source>
        <translation>似た写真を 1 枚以上指定してください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run&apos;s saved progress holds no trained network, so it cannot be used. Choose another run.</source>
        <translation>この学習の保存データには学習済みネットワークが入っていないため、使用できません。別の学習を選んでください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} is damaged: the value of “{1}” is not {2}. The app did not use it.</source>
        <translation>{0} が壊れています。「{1}」の値が {2} ではありません。アプリはこの値を使いませんでした。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is damaged and cannot be read. The app did not use it.</source>
        <translation>{0} が壊れていて読み取れません。アプリはこのファイルを使いませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} is damaged (its values are nested far deeper than the app ever writes). The app did not use it.</source>
        <translation>{0} が壊れています（アプリが書き出すよりはるかに深い入れ子になっています）。アプリはこのファイルを使いませんでした。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is far larger than the app ever writes there, so it was not read.</source>
        <translation>{0} はアプリが書き出す大きさをはるかに超えているため、読み込みませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} is damaged: it does not hold the settings the app wrote. The app uses its defaults.</source>
        <translation>{0} が壊れています。アプリが保存した設定が入っていないため、初期設定を使います。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Part of the app&apos;s photo cache is damaged; the photos it held are read again. Nothing of yours was lost.</source>
        <translation>アプリの写真キャッシュの一部が壊れていたため、該当する写真を読み直します。お客様のファイルは失われていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The saved progress does not fit this run&apos;s network or settings, so it cannot be continued.</source>
        <translation>保存された進み具合がこの学習のネットワークまたは設定と合わないため、続きから再開できません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The run&apos;s list of photos names files that are no longer among the folder&apos;s usable photos, so it cannot be continued.</source>
        <translation>この学習の写真リストに、フォルダーの使える写真に含まれなくなったファイルがあるため、続きから再開できません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} is not a training run folder (its record is missing or damaged). Choose a finished run.</source>
        <translation>{0} は学習のフォルダーではありません（記録がないか壊れています）。完了した学習を選んでください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The setting “{0}” has a value of the wrong kind (it must be {1}).</source>
        <translation>設定「{0}」の値の種類が正しくありません（{1} である必要があります）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every number in the settings must be an ordinary number (not infinite). Check the settings and try again.</source>
        <translation>設定の数値はすべて通常の数（無限大ではない数）である必要があります。設定を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The saved settings are damaged (they are not a list of named values). Choose the settings again.</source>
        <translation>保存された設定が壊れています（名前付きの値の一覧になっていません）。設定をもう一度選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{0}” must be between {1} and {2}.</source>
        <translation>「{0}」は {1} から {2} の間にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{0}” cannot be “{1}”; choose one of: {2}.</source>
        <translation>「{0}」に「{1}」は使えません。次のどれかを選んでください: {2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{0}” must be greater than zero.</source>
        <translation>「{0}」は 0 より大きくしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{0}” must not be negative.</source>
        <translation>「{0}」はマイナスにできません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The preset uses at most {0} photos, fewer than one batch of {1}. Choose a smaller batch size or another preset.</source>
        <translation>このプリセットが使う写真は最大 {0} 枚で、1 バッチ（{1} 枚）に足りません。バッチサイズを小さくするか、別のプリセットを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A fixed threshold needs a value. Type one, or go back to the automatic threshold.</source>
        <translation>固定のしきい値には値が必要です。値を入力するか、自動のしきい値に戻してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This run&apos;s saved progress holds no trained network, so there is nothing to export. Export another run.</source>
        <translation>この学習の保存データには学習済みネットワークが入っていないため、書き出すものがありません。別の学習を書き出してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The export failed its self-check: the saved copy does not give the same answers as the trained network (difference {0}, allowed {1}). Nothing was written. Export again; if it fails again, press “Copy details” and send the text to support.</source>
        <translation>書き出しの自己チェックに失敗しました。保存したコピーが、学習済みネットワークと同じ結果を返しません（差 {0}、許容 {1}）。何も書き出していません。もう一度書き出してください。また失敗する場合は「詳細をコピー」を押して、その内容をサポートに送ってください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The ONNX file does not give the same answers as the trained network (difference {0}, allowed {1}). Nothing was written. Export without ONNX, or export again.</source>
        <translation>ONNX ファイルが、学習済みネットワークと同じ結果を返しません（差 {0}、許容 {1}）。何も書き出していません。ONNX なしで書き出すか、もう一度書き出してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The export could not be written ({0}); nothing was left behind. Check that the destination can be written and has free space, then export again.</source>
        <translation>書き出しを保存できませんでした（{0}）。途中のファイルは残していません。保存先に書き込めるか、空き容量があるかを確認してから、もう一度書き出してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The export could not be put in place at {0} ({1}). Close any program that uses that folder, then export again.</source>
        <translation>書き出したファイルを {0} に置けませんでした（{1}）。そのフォルダーを使っているプログラムを閉じてから、もう一度書き出してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The export folder {0} is inside, or contains, {1}. Choose a destination outside the run and photo folders.</source>
        <translation>書き出し先 {0} が {1} の中にあるか、{1} を含んでいます。学習や写真のフォルダーの外にある保存先を選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} already exists and is not a folder. Choose another name.</source>
        <translation>{0} はすでにあり、フォルダーではありません。別の名前にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder {0} already exists. Choose another name or destination.</source>
        <translation>フォルダー {0} はすでにあります。別の名前か保存先を選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} already exists and holds other files, so it will not be replaced. Choose another folder.</source>
        <translation>{0} はすでにあり、ほかのファイルが入っているため、上書きしません。別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The export needs a folder name. Type one.</source>
        <translation>書き出すフォルダーの名前を入力してください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{0}” cannot be used as a folder name on Windows. Use a name such as “{1}”.</source>
        <translation>「{0}」は Windows ではフォルダー名に使えません。「{1}」のような名前にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder name is longer than {0} characters. Use a shorter name such as “{1}”.</source>
        <translation>フォルダー名が {0} 文字を超えています。「{1}」のような短い名前にしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder name “{0}” has characters that file names cannot hold (such as &lt; &gt; : &quot; / \ | ? *). Use a name such as “{1}”.</source>
        <translation>フォルダー名「{0}」に、ファイル名に使えない文字（&lt; &gt; : &quot; / \ | ? * など）が含まれています。「{1}」のような名前にしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name “{0}” would put the export outside {1}. Choose another name.</source>
        <translation>名前「{0}」では書き出し先が {1} の外になってしまいます。別の名前にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving an ONNX file needs extra packages that are not installed. Export without ONNX, or install them with: {0}</source>
        <translation>ONNX ファイルの保存には、インストールされていない追加パッケージが必要です。ONNX なしで書き出すか、次のコマンドでインストールしてください: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ONNX file could not be written ({0}). Export without ONNX; the log folder has the details.</source>
        <translation>ONNX ファイルを書き出せませんでした（{0}）。ONNX なしで書き出してください。詳しくはログフォルダーにあります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ONNX file could not be run for its self-check ({0}). Export without ONNX; the log folder has the details.</source>
        <translation>自己チェックのために ONNX ファイルを実行できませんでした（{0}）。ONNX なしで書き出してください。詳しくはログフォルダーにあります。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This export has no projection head, which this needs. Export the run again with the projection head included.</source>
        <translation>この書き出しには、この操作に必要な射影ヘッドが含まれていません。射影ヘッドを含めて、もう一度書き出してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} cannot be found. It may have been moved or deleted.</source>
        <translation>{0} が見つかりません。移動または削除された可能性があります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} holds no trained network of this app.</source>
        <translation>{0} には、このアプリの学習済みネットワークがありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} is not a network exported by this app.</source>
        <translation>{0} は、このアプリで書き出したネットワークではありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} does not hold a trained network.</source>
        <translation>{0} には学習済みネットワークが入っていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} holds weights without a description of the network, so it cannot be rebuilt.</source>
        <translation>{0} には重みだけがあり、ネットワークの説明がないため、組み立て直せません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} describes a network this version of the app cannot build.</source>
        <translation>{0} に書かれたネットワークは、このバージョンのアプリでは組み立てられません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The weights in {0} do not match the network they describe (the file may be damaged).</source>
        <translation>{0} の重みが、記載されたネットワークと合いません（ファイルが壊れている可能性があります）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The description inside {0} is damaged.</source>
        <translation>{0} の中の説明が壊れています。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} does not say which photo size the network expects.</source>
        <translation>{0} には、ネットワークが必要とする写真のサイズが書かれていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} is not a kind of file this app loads.</source>
        <translation>{0} は、このアプリで読み込めない種類のファイルです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} was refused: it could run program code when loaded. Only use files this app wrote.</source>
        <translation>{0} は読み込みませんでした。読み込むとプログラムのコードが実行されるおそれがあります。このアプリが書き出したファイルだけを使ってください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} is damaged or is not a weights file.</source>
        <translation>{0} は壊れているか、重みのファイルではありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} is damaged or is not a safetensors file.</source>
        <translation>{0} は壊れているか、safetensors ファイルではありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} is neither a network trained by this app nor the published ImageNet {1} weights.</source>
        <translation>{0} は、このアプリで学習したネットワークでも、公開されている ImageNet {1} の重みでもありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} looks like the published ImageNet {1} weights but could not be loaded.</source>
        <translation>{0} は公開されている ImageNet {1} の重みのようですが、読み込めませんでした。</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/export/page.py" line="+61"/>
        <source>Trained run</source>
        <translation>学習済みの実行</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Formats</source>
        <translation>形式</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose where the export is saved.</source>
        <translation>書き出し先を選びます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Destination</source>
        <translation>保存先</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export</source>
        <translation>書き出す</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>The training run whose trained network is saved.</source>
        <translation>学習済みネットワークを保存する学習の実行です。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The trained network for Python programs, with a description of how it was trained and an example of how to load it (always saved)</source>
        <translation>Python プログラム用の学習済みネットワーク。学習内容の説明と読み込み方の例つき（常に保存）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Files: encoder.safetensors (the network&apos;s numbers in the safetensors format, which holds no program code and is safe to open; read by PyTorch), model_card.json (how and on which photos it was trained) and README.txt (how to load it).</source>
        <translation>ファイル: encoder.safetensors（ネットワークの数値。safetensors 形式はプログラムのコードを含まないので安全に開けます。PyTorch で読み込みます）、model_card.json（どの写真でどのように学習したか）、README.txt（読み込み方）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also a copy for other programs (C++, C#, inspection software…)</source>
        <translation>ほかのプログラム用のコピーも保存（C++、C#、検査ソフトなど）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also saves encoder.onnx, in ONNX, a standard format that many programs and devices can run without Python; it is checked against the original.</source>
        <translation>encoder.onnx も保存します。ONNX は、多くのプログラムや機器が Python なしで実行できる標準形式です。元のネットワークと同じ答えになるか確認します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not available: the optional ONNX packages (onnx, onnxscript) are not installed on this computer. ONNX is a standard format that many programs can run without Python.</source>
        <translation>使えません: このコンピューターには追加の ONNX パッケージ（onnx、onnxscript）がインストールされていません。ONNX は、多くのプログラムが Python なしで実行できる標準形式です。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The folder in which a new folder with the exported network is made.</source>
        <translation>この中に、書き出したネットワークの新しいフォルダーを作ります。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save the trained network, then check that the saved copy gives the same answers as the trained one.</source>
        <translation>学習済みネットワークを保存し、保存したコピーが学習したものと同じ答えを出すか確認します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the export; nothing is left behind.</source>
        <translation>書き出しを中止します。途中のファイルは残りません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the exported files in the file manager.</source>
        <translation>書き出したファイルをファイルマネージャーで表示します。</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Choose a trained run and a destination first.</source>
        <translation>先に学習済みの実行と保存先を選んでください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The destination cannot be used: {0}</source>
        <translation>この保存先は使えません: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Another task is running; export when it has finished.</source>
        <translation>別の処理が実行中です。終わってから書き出してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting to {0}…</source>
        <translation>{0} に書き出しています…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Saved a trial: the saved copy gives the same answers as the trained network, but this network comes from a Quick check and is not ready for use.</source>
        <translation>試しの結果を保存しました。保存したコピーは学習したネットワークと同じ答えを出しますが、このネットワークはクイックチェックによるもので、実際の利用にはまだ使えません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved and checked: the saved copy gives the same answers as the trained network.</source>
        <translation>保存して確認しました。保存したコピーは学習したネットワークと同じ答えを出します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The check FAILED: the saved copy does not give the same answers as the trained network.</source>
        <translation>確認に失敗しました。保存したコピーが、学習したネットワークと同じ答えを出しません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check after saving (self-test): the saved file was loaded again and compared with the trained network on sample photos. Largest difference {0:.1e}, allowed {1:.0e}. It checks the file, not how good the network is.</source>
        <translation>保存後の確認（セルフテスト）: 保存したファイルを読み込み直し、見本の写真で学習したネットワークと比べました。最大の差 {0:.1e}、許容値 {1:.0e}。確認しているのはファイルで、ネットワークの良さではありません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The copy for other programs (encoder.onnx) gives the same answers as the trained network.</source>
        <translation>ほかのプログラム用のコピー（encoder.onnx）も、学習したネットワークと同じ答えを出します。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>This run did not finish; the network from its last saved point is exported.</source>
        <translation>この学習は最後まで終わっていません。最後に保存した時点のネットワークを書き出します。</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Saved in {0}</source>
        <translation>保存先: {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files: {0}</source>
        <translation>ファイル: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export canceled; nothing was written.</source>
        <translation>書き出しを中止しました。何も書き込まれていません。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No trained run yet: train one on the Train step first.</source>
        <translation>学習済みの実行はまだありません。先に「学習」ステップで学習してください。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The export will be saved in: {0}</source>
        <translation>書き出し先: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose where to save the export</source>
        <translation>書き出し先を選んでください</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/findings_panel.py" line="+66"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>looks fine</source>
        <translation>問題なし</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unusualness {0:.2f}: below 1 looks fine, 1 or more looks wrong (compared with this folder&apos;s typical photo).</source>
        <translation>普段との違い {0:.2f}: 1 未満なら問題なし、1 以上は写りが悪いと判定（このフォルダーの典型的な写真との比較）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Left out automatically because it looks wrong; click Keep to use it.</source>
        <translation>写りが悪いため自動で学習から外しています。使う場合は「使う」をクリックしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left out by you.</source>
        <translation>あなたが学習から外しました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept for training by you.</source>
        <translation>あなたの判断で学習に使います。</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location line="+25"/>
        <source>Show the photos that look wrong for one reason, all of them, or the least typical photos of the folder whether they look wrong or not. Each photo is counted once, under its main reason (the first one under its thumbnail), so the counts add up to the headline&apos;s; its other reasons are in its tooltip.</source>
        <translation>理由ごとの写りの悪い写真、そのすべて、または写りの良し悪しにかかわらずフォルダーで最も典型から外れた写真を表示します。各写真は主な理由（サムネイルの下の最初の理由）で1回だけ数えるので、合計は見出しの数と一致します。ほかの理由はツールチップに表示されます。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Leave out</source>
        <translation>外す</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the selected photos out of training.</source>
        <translation>選択した写真を学習から外します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep</source>
        <translation>使う</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the selected photos for training even though they look wrong.</source>
        <translation>写りが悪いと判定されても、選択した写真を学習に使います。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget your decisions for the selected photos: they go back to the app&apos;s default (photos that look wrong are left out automatically, the others used).</source>
        <translation>選択した写真についてのあなたの判断を取り消します。アプリの初期設定に戻ります（写りの悪い写真は自動で外し、ほかは使います）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Leave out all that look wrong</source>
        <translation>写りの悪い写真をすべて外す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave every photo that looks wrong and that you have not kept out of training, as your own decision (unticking “Leave out the photos that look wrong” on the Train step then does not bring them back).</source>
        <translation>「使う」にしていない写りの悪い写真を、あなたの判断としてすべて学習から外します（このあと学習ステップで「写りの悪い写真を学習から外す」のチェックを外しても、元に戻りません）。</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Clear</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>All that look wrong ({0})</source>
        <translation>写りの悪い写真すべて（{0}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The {0} least typical photos</source>
        <translation>最も典型的でない写真 {0} 枚</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No photo looks wrong: every photo is close to the folder&apos;s typical one.</source>
        <translation>写りの悪い写真はありません。どの写真もフォルダーの典型的な写真に近いです。</translation>
    </message>
</context>
<context>
    <name>FolderPathDialog</name>
    <message>
        <location filename="../../badbatch_gui/gui/dialogs/open_folder.py" line="+25"/>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No file manager could be opened on this computer. The folder is here; copy its path and open it another way:</source>
        <translation>このコンピューターではファイルマネージャーを開けませんでした。フォルダーの場所は次のとおりです。パスをコピーして、別の方法で開いてください:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy path</source>
        <translation>パスをコピー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>ForecastPanel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/forecast_panel.py" line="+52"/>
        <source>Check memory</source>
        <translation>メモリーを確認</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measure how much memory these settings need with one trial batch.</source>
        <translation>試しに1バッチ動かして、この設定に必要なメモリー量を測ります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change the batch size to the one that fits this computer.</source>
        <translation>このコンピューターに収まるバッチサイズに変更します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Memory</source>
        <translation>メモリー</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Another task is running; check memory when it has finished.</source>
        <translation>別の処理が実行中です。終わってからメモリーを確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Measuring memory with one trial batch…</source>
        <translation>試しに1バッチ動かしてメモリーを測っています…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Use batch size {0}</source>
        <translation>バッチサイズ {0} にする</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Memory could not be measured: {0}</source>
        <translation>メモリーを測れませんでした: {0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Settings changed: memory will be checked again before training.</source>
        <translation>設定が変わりました。学習の前にメモリーをもう一度確認します。</translation>
    </message>
</context>
<context>
    <name>ImageRow</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/batch_review.py" line="-166"/>
        <source>unusualness {0:.2f}</source>
        <translation>普段との違い {0:.2f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>effect on the batch score {0:+.3g}</source>
        <translation>バッチのスコアへの影響 {0:+.3g}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unusualness: below 1 looks fine, 1 or more looks wrong (compared with this folder&apos;s typical photo; the same number as in the photo&apos;s tooltip on the left).
Effect on this batch&apos;s score: {0:+.3g} (how much more than a typical photo of the batch it raises the score; near 0 is typical).</source>
        <translation>普段との違い: 1 未満なら問題なし、1 以上は写りが悪いと判定（このフォルダーの典型的な写真との比較。左の写真のツールチップと同じ数値です）。
このバッチのスコアへの影響: {0:+.3g}（バッチの典型的な写真と比べて、スコアをどれだけ押し上げているか。0 に近ければ普通です）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keep</source>
        <translation>使う</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use this photo for training.</source>
        <translation>この写真を学習に使います。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>Reject</source>
        <translation>除外</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Leave this photo out of training.</source>
        <translation>この写真を学習から外します。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Left out automatically</source>
        <translation>自動で除外</translation>
    </message>
</context>
<context>
    <name>ImagesPage</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/images/page.py" line="+58"/>
        <source>&lt;h2&gt;1 · Images&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;1 · 画像&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder that holds your part photos. The app checks every file and never changes, moves or copies your photos.</source>
        <translation>部品の写真が入ったフォルダーを選んでください。アプリはすべてのファイルを確認しますが、写真を変更・移動・コピーすることはありません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose folder…</source>
        <translation>フォルダーを選ぶ…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick the folder of photos to check and train on. You can also drop a folder onto this window.</source>
        <translation>チェックと学習に使う写真のフォルダーを選びます。このウィンドウにフォルダーをドロップしてもかまいません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recent</source>
        <translation>最近使った</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open a folder you used before.</source>
        <translation>以前に使ったフォルダーを開きます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Try the demo images</source>
        <translation>デモ画像を試す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens a small built-in folder of example part photos, with a few bad ones mixed in, so you can try every step.</source>
        <translation>不良写真が少し混ざった、内蔵の部品写真の例を開きます。すべてのステップを試せます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan again</source>
        <translation>再スキャン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the folder again, e.g. after adding or removing photos.</source>
        <translation>写真を追加・削除したときなどに、フォルダーをもう一度確認します。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the scan. Nothing is changed.</source>
        <translation>スキャンを中止します。何も変更されません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>usable photos</source>
        <translation>使える写真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos that can be opened and are big enough to train on.</source>
        <translation>開くことができ、学習に十分な大きさの写真です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>files with problems</source>
        <translation>使えないファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files that cannot be used; see the Problems tab for why.</source>
        <translation>使えないファイルです。理由は「問題」タブで確認できます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate groups</source>
        <translation>重複グループ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Groups of identical files; only one of each group is used.</source>
        <translation>内容が同じファイルのグループです。各グループから1つだけ使います。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+114"/>
        <source>most common size (pixels)</source>
        <translation>最も多いサイズ（ピクセル）</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>The most frequent photo size and the smallest and largest ones.</source>
        <translation>最も多い写真サイズと、最小・最大のサイズです。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why it cannot be used</source>
        <translation>使えない理由</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Identical files (only the first one is used)</source>
        <translation>同じ内容のファイル（最初の1つだけ使います）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates</source>
        <translation>重複</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next: Batch check</source>
        <translation>次へ: バッチチェック</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to step 2 to see which training batches look unrepresentative.</source>
        <translation>ステップ2で、代表的でない学習バッチを確認します。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Drop a folder of photos here, or click “Choose folder…”.

New to the app? Click “Try the demo images”.</source>
        <translation>ここに写真のフォルダーをドロップするか、「フォルダーを選ぶ…」をクリックしてください。

初めての方は「デモ画像を試す」をクリックしてください。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose the folder with your part photos</source>
        <translation>部品の写真があるフォルダーを選んでください</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No folder chosen yet.</source>
        <translation>フォルダーはまだ選ばれていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder: {0}</source>
        <translation>フォルダー: {0}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>most common size (pixels); from {0} to {1}</source>
        <translation>最も多いサイズ（ピクセル）、範囲 {0} 〜 {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Photos ({0})</source>
        <translation>写真 ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems ({0})</source>
        <translation>問題 ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates ({0})</source>
        <translation>重複 ({0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This folder has no usable photo.</source>
        <translation>このフォルダーには使える写真がありません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The app uses JPEG, PNG, BMP, TIFF and WebP photos, also in sub-folders.</source>
        <translation>このアプリが使うのは JPEG、PNG、BMP、TIFF、WebP の写真です（サブフォルダーの中も探します）。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>No photo in this folder can be used: %n picture file(s) were found, but none can be opened (the Problems tab says why for each file).</source>
        <translation>
            <numerusform>このフォルダーの写真はどれも使えません。画像ファイルが %n 個見つかりましたが、どれも開けませんでした（理由は「問題」タブにファイルごとに表示されています）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What to do: choose another folder with “Choose folder…”, or replace the damaged files and click “Scan again”.</source>
        <translation>対処方法: 「フォルダーを選ぶ…」で別のフォルダーを選ぶか、壊れたファイルを差し替えてから「再スキャン」を押してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This folder holds no photos the app can use: no picture file was found in it.</source>
        <translation>このフォルダーには、このアプリで使える写真がありません。画像ファイルが見つかりませんでした。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do: choose another folder with “Choose folder…”, or click “Try the demo images” to see how the app works.</source>
        <translation>対処方法: 「フォルダーを選ぶ…」で別のフォルダーを選ぶか、「デモ画像を試す」を押してアプリの使い方を確かめてください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reason code: {0}</source>
        <translation>理由コード: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} identical files</source>
        <translation>同じ内容のファイル {0} 個</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checking files: {0} of {1}</source>
        <translation>ファイルを確認中: {1} 件中 {0} 件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Making the demo images: {0} of {1}</source>
        <translation>デモ画像を作成中: {1} 件中 {0} 件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Looking for photos…</source>
        <translation>写真を探しています…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Making the demo images…</source>
        <translation>デモ画像を作成中…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The scan was stopped. Click “Scan again” to check the folder.</source>
        <translation>スキャンを中止しました。フォルダーを確認するには「再スキャン」をクリックしてください。</translation>
    </message>
</context>
<context>
    <name>InspectCounts</name>
    <message numerus="yes">
        <location filename="../../badbatch_gui/gui/text/inspect_text.py" line="+107"/>
        <source>%n photo(s) indexed</source>
        <translation>
            <numerusform>%n 枚を索引に登録</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n from the cache</source>
        <translation>
            <numerusform>%n 枚は保存済みの結果を利用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n file(s) could not be used</source>
        <translation>
            <numerusform>%n 個のファイルは使えませんでした</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Leave out the %n photo(s) training left out</source>
        <translation>
            <numerusform>学習で除外した %n 枚を除く</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>All photos (%n)</source>
        <translation>
            <numerusform>すべての写真（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Near-duplicates only (%n group(s))</source>
        <translation>
            <numerusform>ほぼ同じ写真だけ（%n グループ）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) selected</source>
        <translation>
            <numerusform>%n 枚を選択中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n of the {0} photos are in both lists.</source>
        <translation>
            <numerusform>{0} 枚のうち %n 枚は両方の一覧に入っています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Stopped. Photos checked so far: %n. Check again to see every photo and to save the list.</source>
        <translation>
            <numerusform>中止しました。それまでに確認した写真: %n 枚。すべての写真を見て一覧を保存するには、もう一度確認してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n file(s) could not be read and were not checked.</source>
        <translation>
            <numerusform>%n 個のファイルは読み込めなかったため、確認していません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Not taken as normal (bad shots): %n indexed photo(s).</source>
        <translation>
            <numerusform>失敗写真のため正常な写真として使わないもの: 索引のうち %n 枚。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n photo(s) checked</source>
        <translation>
            <numerusform>%n 枚を確認</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InspectPage</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/inspect/page.py" line="+65"/>
        <source>&lt;h2&gt;5 · Inspect&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;5 · 検査&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the trained network to work: find photos like a chosen one, check new photos against your normal ones, and see a map of the whole folder.</source>
        <translation>学習したネットワークを使ってみましょう。選んだ写真に似た写真を探す、新しい写真を正常な写真と比べて確認する、フォルダー全体の地図を見る、ができます。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Photos like this one</source>
        <translation>似た写真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check new photos</source>
        <translation>新しい写真の確認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A map of the folder</source>
        <translation>フォルダーの地図</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a trained network and build the index of its photos to start.</source>
        <translation>学習済みネットワークを選び、写真の索引を作ると始められます。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Choose a trained network and a folder of photos first.</source>
        <translation>先に学習済みネットワークと写真のフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder {0} does not exist (any more). Choose another one with Change….</source>
        <translation>フォルダー {0} が見つかりません。「変更…」で別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The folder {0} does not exist (any more).</source>
        <translation>フォルダー {0} が見つかりません。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The list could not be saved: {0}</source>
        <translation>一覧を保存できませんでした: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved the checked photos to {0}.</source>
        <translation>確認した写真の一覧を {0} に保存しました。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Another task is running; start this when it has finished.</source>
        <translation>別の処理が実行中です。終わってから始めてください。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Stopped. Nothing was changed.</source>
        <translation>中止しました。何も変更されていません。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The untrained network is looking at the photos once (this is kept for next time)…</source>
        <translation>学習前のネットワークで写真を一度ずつ見ています（結果は次回のために保存されます）…</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>To leave photos out of training or keep them, open this folder in step 1 (Images) first.</source>
        <translation>写真を学習から外したり使ったりするには、先にステップ1（画像）でこのフォルダーを開いてください。</translation>
    </message>
</context>
<context>
    <name>InspectReport</name>
    <message>
        <location filename="../../badbatch_gui/gui/report/inspect_pdf.py" line="+27"/>
        <location line="+59"/>
        <source>Inspection report: {0}</source>
        <translation>検査レポート: {0}</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Made on {0} with BadBatch Studio {1}</source>
        <translation>{0} に BadBatch Studio {1} で作成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checked folder</source>
        <translation>検査したフォルダー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal photos</source>
        <translation>正常な写真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} ({1} photos)</source>
        <translation>{0}（{1} 枚）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Looks normal</source>
        <translation>正常に見える</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looks unusual</source>
        <translation>いつもと違う</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+34"/>
        <source>Bad shots</source>
        <translation>写りの悪い写真</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>too dark, blurry…: not judged</source>
        <translation>暗い・ぼやけた写真などは判定しません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} photos checked.</source>
        <translation>{0} 枚の写真を検査しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} file(s) could not be read.</source>
        <translation>{0} 個のファイルは読み込めませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Threshold</source>
        <translation>しきい値</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} (photos scoring above it look unusual)</source>
        <translation>{0}（これを超える写真を「いつもと違う」とします）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>False-alarm rate</source>
        <translation>誤検出率</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The most unusual photos</source>
        <translation>いちばん普段と違う写真</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No photo could be judged.</source>
        <translation>判定できた写真はありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour shows where a photo differs from the normal photos: clear where it is typical, yellow to orange as it nears the threshold, red above it; the ring marks the most unusual spot.</source>
        <translation>色は、正常な写真と違う場所を示します。いつもどおりの部分は色なし、しきい値に近づくほど黄色からオレンジ、しきい値を超えると赤です。丸印はいちばん普段と違う場所です。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>… and {0} more.</source>
        <translation>…ほか {0} 件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>inspection report</source>
        <translation>検査レポート</translation>
    </message>
</context>
<context>
    <name>InspectText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/inspect_text.py" line="-131"/>
        <source>, </source>
        <comment>between listed phrases</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>bad shot ({0})</source>
        <translation>失敗写真（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bad shot</source>
        <translation>失敗写真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>looks normal</source>
        <translation>正常に見える</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>looks unusual</source>
        <translation>いつもと違う</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>bad shot
({0})</source>
        <translation>失敗写真
（{0}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading the network</source>
        <translation>ネットワークを読み込み中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading photos</source>
        <translation>写真を読み込み中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indexing photos</source>
        <translation>索引を作成中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning what normal photos look like</source>
        <translation>正常な写真の見た目を学習中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting the threshold from the normal photos</source>
        <translation>正常な写真からしきい値を決定中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking new photos</source>
        <translation>新しい写真を確認中</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} %</source>
        <translation>{0} %</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About {0} in 100 photos of normal parts will be called unusual by mistake. Lower it to flag fewer photos; raise it to miss fewer faults.</source>
        <translation>正常な部品の写真 100 枚のうち約 {0} 枚を、誤って「いつもと違う」と判定します。下げると指摘される写真が減り、上げると不良の見逃しが減ります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With only {0} normal photos, the app can promise no less than {1}; index more normal photos for a lower rate.</source>
        <translation>正常な写真が {0} 枚しかないため、{1} より低い割合は保証できません。割合を下げるには、正常な写真を増やして索引を作ってください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>How alike the network finds the two photos: 1.00 means it sees no difference, lower values mean less alike. (Technically: the cosine similarity of the two photos&apos; embeddings, the lists of numbers the network describes each photo with.)</source>
        <translation>ネットワークから見た2枚の写真の似ている度合いです。1.00 は違いがまったくないことを示し、値が小さいほど似ていません。（技術的には、ネットワークが各写真を表す数値の並び＝埋め込みベクトルどうしのコサイン類似度です。）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>How unusual: {0} (photos above {1} look unusual). It measures how far the most unusual spot of the photo is from every spot of the normal photos. (Technically: a PatchCore-style nearest-neighbour distance between local features of the trained network.)</source>
        <translation>いつもとの違い: {0}（{1} を超えると「いつもと違う」と判定）。写真の中で最も違う箇所が、正常な写真のどの箇所からどれだけ離れているかを表します。（技術的には、学習済みネットワークの局所特徴による PatchCore 方式の最近傍距離です。）</translation>
    </message>
</context>
<context>
    <name>LeaveOutRow</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/leave_out_row.py" line="+23"/>
        <source>Leave out the photos that look wrong</source>
        <translation>写りの悪い写真を学習から外す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos the Batch check finds that look wrong (too dark, blurry, cut off…) are left out of training automatically. Untick to use them anyway; keep single photos on the Batch check page. Photos you left out or kept yourself stay as you decided.</source>
        <translation>バッチチェックで写りが悪いと判定された写真（暗すぎる、ぼやけている、はみ出しているなど）を自動で学習から外します。それでも使う場合はチェックを外してください。1枚ずつ使う場合は、バッチチェックのページで「使う」にしてください。あなたが自分で外した写真や使うと決めた写真は、そのままです。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show the photos that look wrong on the Batch check page, where you can keep any of them.</source>
        <translation>写りの悪い写真をバッチチェックのページに表示します。そこで写真ごとに「使う」にできます。</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Review…</source>
        <translation>確認…</translation>
    </message>
</context>
<context>
    <name>LivePlot</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/live_plot.py" line="+182"/>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>Step {0} — {1} after the start</source>
        <translation>ステップ {0} — 開始から {1}</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/log_view.py" line="+28"/>
        <source>What the app did during this run, newest at the bottom.</source>
        <translation>この実行中にアプリが行ったことです。新しいものが下に表示されます。</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <location filename="../../badbatch_gui/gui/report/loss_chart.py" line="+76"/>
        <source>No loss was recorded.</source>
        <translation>損失は記録されていません。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../badbatch_gui/gui/main_window.py" line="+119"/>
        <source>Images</source>
        <translation>画像</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a folder of part photos and check that every file can be used.</source>
        <translation>部品写真のフォルダーを選び、すべてのファイルが使えるか確認します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch check</source>
        <translation>バッチチェック</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>See which training batches look unrepresentative before training.</source>
        <translation>学習の前に、代表的でない学習バッチを確認します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Teach the feature network what your parts look like.</source>
        <translation>部品の見た目を特徴ネットワークに学習させます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Here you will train the feature network on your photos, watch its progress live, pause and resume, and see how much graphics-card memory it needs before you start.</source>
        <translation>ここでは写真を使って特徴ネットワークを学習させます。進み具合をリアルタイムで確認し、一時停止・再開ができ、開始前に必要なグラフィックボードのメモリー量もわかります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the trained network so other programs can use it.</source>
        <translation>学習したネットワークを、ほかのプログラムで使えるように保存します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Here you will save the trained network as a file other programs can load, with a record of the photos and settings used, and a self-check that the saved copy works.</source>
        <translation>ここでは学習したネットワークを、ほかのプログラムで読み込めるファイルとして保存します。使った写真と設定の記録も残し、保存したファイルが正しく動くか自己チェックします。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inspect</source>
        <translation>検査</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put the trained network to work: photos like this one, new photos checked against normal ones, a map of the folder.</source>
        <translation>学習したネットワークを使います。似た写真の検索、新しい写真と正常な写真の比較、フォルダーの地図。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open folder…</source>
        <translation>フォルダーを開く(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;recent</source>
        <translation>最近使ったフォルダー(&amp;R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Try the &amp;demo images</source>
        <translation>デモ画像を試す(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy diagnostics</source>
        <translation>診断情報をコピー(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;log folder</source>
        <translation>ログフォルダーを開く(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About BadBatch Studio</source>
        <translation>BadBatch Studio について(&amp;A)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The new language takes effect after you restart the app.</source>
        <translation>新しい言語は、アプリを再起動すると有効になります。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Diagnostics copied to the clipboard.</source>
        <translation>診断情報をクリップボードにコピーしました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>About BadBatch Studio</source>
        <translation>BadBatch Studio について</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BadBatch Studio {0}
Finds unrepresentative training batches, trains a feature network on your photos and exports it. Works fully offline.</source>
        <translation>BadBatch Studio {0}
代表的でない学習バッチを見つけ、写真で特徴ネットワークを学習させて書き出します。完全にオフラインで動作します。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scanning</source>
        <translation>スキャン中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checking batches</source>
        <translation>バッチをチェック中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Making demo</source>
        <translation>デモを作成中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>学習中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checking memory</source>
        <translation>メモリーを確認中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting</source>
        <translation>書き出し中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Indexing</source>
        <translation>索引を作成中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking new photos</source>
        <translation>新しい写真を確認中</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} (paused)</source>
        <translation>{0}（一時停止中）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Stopping training and saving its progress…</source>
        <translation>学習を停止して、進み具合を保存しています…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopping background work…</source>
        <translation>バックグラウンドの処理を停止しています…</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/inspect/map_panel.py" line="+94"/>
        <source>Batch check reason</source>
        <translation>バッチチェックの理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your decisions</source>
        <translation>あなたの判断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour each photo by what the Batch check found on it, or by whether training uses it.</source>
        <translation>写真ごとに、バッチチェックで見つかった問題、または学習に使うかどうかで色分けします。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Moves the map</source>
        <translation>地図を動かす</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selects a box</source>
        <translation>四角で選ぶ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selects freehand (lasso)</source>
        <translation>自由な形で選ぶ（投げ縄）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What dragging with the left mouse button does. The wheel zooms; hold Shift while selecting to add to the selection.</source>
        <translation>左ボタンでドラッグしたときの動作です。ホイールで拡大・縮小します。Shift を押しながら選ぶと選択に追加されます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show all</source>
        <translation>全体を表示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom out to show every photo.</source>
        <translation>すべての写真が見えるように縮小します。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Leave out</source>
        <translation>外す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave the selected photos out of training (saved with the folder&apos;s other decisions, as on the Batch check step).</source>
        <translation>選択した写真を学習から外します（バッチチェックのステップと同じく、このフォルダーのほかの判断と一緒に保存されます）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep</source>
        <translation>使う</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the selected photos for training, even if they were flagged.</source>
        <translation>問題ありと判定されていても、選択した写真を学習に使います。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget your decisions for the selected photos.</source>
        <translation>選択した写真についてのあなたの判断を取り消します。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Click a photo to see the photos like it.</source>
        <translation>写真をクリックすると、似た写真を表示します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour by:</source>
        <translation>色分け:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dragging:</source>
        <translation>ドラッグ:</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Each dot is a photo; photos the network finds alike lie close together. Point at a dot to see its photo, click it to find photos like it, double-click to open it. This flat map shows {0} % of how the photos differ.</source>
        <translation>点の1つ1つが写真です。ネットワークが似ていると見た写真ほど近くに並びます。点にマウスを合わせると写真が見え、クリックすると似た写真を探し、ダブルクリックで写真を開きます。この平面の地図は、写真どうしの違いの {0} % を表しています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The map is the first two principal components (PCA) of the photos&apos; embeddings, the lists of numbers the network describes each photo with.</source>
        <translation>この地図は、ネットワークが各写真を表す数値の並び（埋め込みベクトル）の第1・第2主成分（PCA）です。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>used for training</source>
        <translation>学習に使う</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>left out</source>
        <translation>除外</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+71"/>
        <source>kept by you</source>
        <translation>あなたが「使う」に設定</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+64"/>
        <source>looks fine</source>
        <translation>問題なし</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Select photos on the map: choose “Selects a box” or “Selects freehand” above, then drag over the dots.</source>
        <translation>地図上で写真を選ぶには、上で「四角で選ぶ」か「自由な形で選ぶ」を選び、点の上をドラッグしてください。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>left out of training</source>
        <translation>学習から除外</translation>
    </message>
</context>
<context>
    <name>MemoryBar</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/memory_bar.py" line="+98"/>
        <source>How much memory training will need, measured with one trial batch, compared with what this computer has.</source>
        <translation>試しに1バッチ動かして測った、学習に必要なメモリー量を、このコンピューターにある量と比べて表示します。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Memory not measured yet. Press “Check memory”.</source>
        <translation>メモリーはまだ測っていません。「メモリーを確認」を押してください。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Needs {0} of {1} ({2})</source>
        <translation>{1} のうち {0} 必要（{2}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>MemoryText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/memory_text.py" line="+18"/>
        <source>network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>corrections</source>
        <translation>修正量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learning state</source>
        <translation>学習の状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>working space</source>
        <translation>作業領域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch check</source>
        <translation>バッチチェック</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>photo memory</source>
        <translation>写真ごとの記録</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>network: the network&apos;s numbers (model weights)
corrections: how each number should change after a step (gradients)
learning state: what the learning keeps between steps (optimiser state)
working space: intermediate results of one batch (activations)
photo memory: what the recommended way of learning remembers per photo (EMC2 sampler)
batch check: the in-training check of unusual batches
photos: the decoded photos of one batch</source>
        <translation>ネットワーク: ネットワークの数値（モデルの重み）
修正量: 1ステップごとに各数値をどう変えるか（勾配）
学習の状態: ステップの間に学習が保持する情報（オプティマイザーの状態）
作業領域: 1バッチ分の途中結果（活性化）
写真ごとの記録: 推奨の学習方法が写真ごとに覚えておく情報（EMC2 サンプラー）
バッチチェック: 学習中に普段と違うバッチを調べる処理
写真: 1バッチ分の読み込んだ写真</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>graphics card {0}, {1} free</source>
        <translation>グラフィックボード {0}、空き {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>computer memory, {0} free</source>
        <translation>コンピューターのメモリー、空き {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fits comfortably: training needs about {0}.</source>
        <translation>余裕があります: 学習には約 {0} 必要です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tight: about {0} needed. Close other programs that use the graphics card.</source>
        <translation>ぎりぎりです: 約 {0} 必要です。グラフィックボードを使う他のプログラムを閉じてください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tight: about {0} needed. Close other programs first.</source>
        <translation>ぎりぎりです: 約 {0} 必要です。先に他のプログラムを閉じてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Will not fit: about {0} needed.</source>
        <translation>収まりません: 約 {0} 必要です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This comes on top of the memory the app already uses.</source>
        <translation>これはアプリがすでに使っているメモリーに加えて必要な量です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suggested batch size: {0}.</source>
        <translation>おすすめのバッチサイズ: {0}。</translation>
    </message>
</context>
<context>
    <name>ModelBox</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/inspect/model_box.py" line="+90"/>
        <source>Network and photos</source>
        <extracomment>The export&apos;s weights file: ``core.nets.encoder_io.WEIGHTS_FILE`` (that module imports torch, which the window never does on its own thread; a test checks the two agree).</extracomment>
        <translation>ネットワークと写真</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The trained network to put to work: a finished training run, or an exported network.</source>
        <translation>使う学習済みネットワークです。完了した学習の実行、または書き出したネットワークを選べます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open an export…</source>
        <translation>書き出したものを開く…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a folder made by the Export step (it holds encoder.safetensors).</source>
        <translation>「書き出し」ステップで作ったフォルダー（encoder.safetensors が入っています）を選びます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change…</source>
        <translation>変更…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Index another folder of photos under this network.</source>
        <translation>このネットワークで別の写真フォルダーの索引を作ります。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The photos you or the Batch check left out of training (bad shots, rejected photos) are not indexed, so they are not taken as normal photos either.</source>
        <translation>あなたやバッチチェックが学習から外した写真（失敗写真、除外した写真）は索引に入れません。そのため正常な写真としても使われません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Build index</source>
        <translation>索引を作る</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let the network look at every photo of the folder once. This is kept, so next time only new or changed photos are looked at.</source>
        <translation>フォルダーのすべての写真をネットワークに一度ずつ見せます。結果は保存されるので、次回は新しい写真や変更された写真だけを見ます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop; nothing is changed.</source>
        <translation>中止します。何も変更されません。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Network:</source>
        <translation>ネットワーク:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Photos:</source>
        <translation>写真:</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Export: {0}</source>
        <translation>書き出し: {0}</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Ready: {0}.</source>
        <translation>準備完了: {0}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Build the index to start.</source>
        <translation>索引を作ると始められます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No trained network yet: train one in step 3, or open an export.</source>
        <translation>学習済みネットワークがまだありません。ステップ3で学習するか、書き出したものを開いてください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No folder yet: open one in step 1, or choose one with Change…</source>
        <translation>フォルダーがまだありません。ステップ1で開くか、「変更…」で選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} (the folder open in step 1; an export does not say which photos it was trained on)</source>
        <translation>{0}（ステップ1で開いているフォルダー。書き出したネットワークには、学習に使った写真の記録がありません）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose an exported network</source>
        <translation>書き出したネットワークを選んでください</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} holds no exported network ({1}).</source>
        <translation>{0} には書き出したネットワーク（{1}）がありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the photos to index</source>
        <translation>索引を作る写真のフォルダーを選んでください</translation>
    </message>
</context>
<context>
    <name>PhotoPreview</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/inspect/photo_preview.py" line="+72"/>
        <source>Red: this spot differs from every normal photo. Orange: it is close to differing. The ring marks the most unusual spot.</source>
        <translation>赤: どの正常な写真とも違う箇所。オレンジ: 違いに近い箇所。円は最も違う箇所を示します。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Pick a checked photo to see where it differs from the normal photos.</source>
        <translation>確認した写真を選ぶと、正常な写真と違う箇所を表示します。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>How unusual: {0} (photos above {1} look unusual).</source>
        <translation>いつもとの違い: {0}（{1} を超えると「いつもと違う」と判定）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A bad shot is named for how it was taken, not as a faulty part; take it again.</source>
        <translation>失敗写真は撮り方の問題であり、部品の不良とは判定していません。撮り直してください。</translation>
    </message>
</context>
<context>
    <name>PlainMessages</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/plain_messages.py" line="+40"/>
        <source>The graphics card ran out of memory, so the batch size was halved from {0} to {1} and training continued.</source>
        <translation>グラフィックボードのメモリーが足りなくなったため、バッチサイズを {0} から {1} に半分にして学習を続けました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The graphics card ran out of memory, so the batch size was reduced and training continued.</source>
        <translation>グラフィックボードのメモリーが足りなくなったため、バッチサイズを小さくして学習を続けました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The computer ran out of memory, so the batch size was halved from {0} to {1} and training continued.</source>
        <translation>コンピューターのメモリーが足りなくなったため、バッチサイズを {0} から {1} に半分にして学習を続けました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The computer ran out of memory, so the batch size was reduced and training continued.</source>
        <translation>コンピューターのメモリーが足りなくなったため、バッチサイズを小さくして学習を続けました。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training ran out of memory even with the smallest batch size and stopped. The last checkpoint is kept. Choose a smaller image size, close other programs, then press Resume.</source>
        <translation>最小のバッチサイズでもメモリーが足りず、学習を停止しました。最後のチェックポイントは残っています。画像サイズを小さくし、他のプログラムを閉じてから「再開」を押してください。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>and {0} more</source>
        <translation>ほか {0} 枚</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Training became unstable at batch {0} (photos: {1}). The last good checkpoint is kept; try a lower learning rate or Resume.</source>
        <translation>バッチ {0} で学習が不安定になりました（写真: {1}）。最後の正常なチェックポイントは残っています。学習率を下げるか、「再開」を試してください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The disk is full, so the app could not save to {0}. No checkpoint had been saved yet. Free some space, then press Resume to start the run again with its settings.</source>
        <translation>ディスクがいっぱいのため、{0} に保存できませんでした。チェックポイントはまだ保存されていません。空き容量を増やしてから「再開」を押すと、同じ設定で最初から学習をやり直します。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The disk is full, so the app could not save to {0}. Free some space, then press Resume; the last saved checkpoint is kept.</source>
        <translation>ディスクがいっぱいのため、{0} に保存できませんでした。空き容量を増やしてから「再開」を押してください。最後に保存したチェックポイントは残っています。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The disk is full. Free some space, then press Resume; the last saved checkpoint is kept.</source>
        <translation>ディスクがいっぱいです。空き容量を増やしてから「再開」を押してください。最後に保存したチェックポイントは残っています。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The disk is full, so the export could not be written to {0}. Nothing was left behind: free some space there or choose another place, then export again.</source>
        <translation>ディスクがいっぱいのため、{0} に書き出せませんでした。書きかけのファイルは残っていません。空き容量を増やすか別の場所を選んで、もう一度書き出してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the disk is full</source>
        <translation>ディスクがいっぱいです</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>permission denied</source>
        <translation>書き込む権限がありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the place is read-only</source>
        <translation>読み取り専用の場所です</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a part of the path is a file, not a folder</source>
        <translation>パスの途中にフォルダーではなくファイルがあります</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it cannot be written</source>
        <translation>書き込めません</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The app cannot save its own files in {0} ({1}). You can look at photos and check batches, but settings, keep / leave-out decisions, training runs and the log are not saved. Make that folder writable, or set BADBATCH_HOME to a folder you can write to, then restart the app.</source>
        <translation>アプリ用のファイルを {0} に保存できません（{1}）。写真の確認やバッチチェックはできますが、設定、写真を使う・外すの判断、学習の記録、ログは保存されません。このフォルダーを書き込めるようにするか、BADBATCH_HOME に書き込めるフォルダーを指定してから、アプリを起動し直してください。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The keep / leave-out list saved for this folder was damaged, so no photo is left out by it. The damaged file is kept as {0}. Decide again on the Batch check page.</source>
        <translation>このフォルダーについて保存していた、写真を使う・外すの判断が壊れていたため、この判断で外される写真はありません。壊れたファイルは {0} として残してあります。バッチチェックのページでもう一度判断してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The keep / leave-out list of this folder cannot be read ({0}), so no photo is left out by it this time.</source>
        <translation>このフォルダーの写真を使う・外すの判断を読み込めません（{0}）。今回はこの判断で外される写真はありません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The Batch check results saved for this folder could not be read, so the photos that look wrong are not left out until you run the Batch check again. The file is kept as {0}.</source>
        <translation>このフォルダーについて保存していたバッチチェックの結果を読み込めなかったため、もう一度バッチチェックを実行するまで、写りの悪い写真は学習から外されません。ファイルは {0} として残してあります。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The photo folder {0} can no longer be found (was a USB drive or network share disconnected?). Reconnect it, then press Resume; nothing was lost.</source>
        <translation>写真のフォルダー {0} が見つかりません（USB ドライブやネットワーク共有が外れていませんか）。つなぎ直してから「再開」を押してください。何も失われていません。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The encoder is collapsing: it gives nearly the same result for every photo, and its loss sits on the dashed line &quot;all photos alike — collapsed&quot;. It has stopped learning. Stop the run and start again with a lower learning rate (for example a tenth), or with the Standard preset.</source>
        <translation>エンコーダーが崩壊しかけています。どの写真にもほぼ同じ結果を出し、損失が破線「すべての写真が同じ — 崩壊」の上にあります。学習は止まっています。学習を停止し、学習率を下げて（たとえば10分の1）、または「標準」プリセットで、もう一度始めてください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} % of the comparisons in recent steps used stored copies of photos&apos; results that no longer match what the encoder gives those photos now, so training is steered by out-of-date information. For the next run, choose the method EMC2 (paper) in the Advanced settings.</source>
        <translation>最近のステップでは比較の {0} % に、保存しておいた写真の結果の写しが使われました。その写しは、今のエンコーダーがその写真に出す結果ともう合っておらず、学習が古い情報に引っ張られています。次の学習では、詳細設定で方式「EMC2（論文どおり）」を選んでください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} % of the photos in recent batches were compared with no other photo, so training only pulls each photo&apos;s two views together. If this goes on, use a larger batch or the SimCLR method.</source>
        <translation>最近のバッチでは写真の {0} % がほかの写真と比べられておらず、学習は各写真の2つのビューを近づけているだけです。この状態が続く場合は、バッチを大きくするか、SimCLR 方式を使ってください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The run was stopped before its first checkpoint, so it starts again from the beginning with its saved settings.</source>
        <translation>この学習は最初のチェックポイントより前に停止したため、保存された設定で最初からやり直します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continuing from the saved point: pass {0}, step {1}.</source>
        <translation>保存した時点から続けます: {0} 周目、ステップ {1}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continuing with the run&apos;s own saved settings (the settings on the left are for new runs).</source>
        <translation>この学習で保存した設定のまま続けます（左側の設定は新しい学習に使われます）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} could not be read and is left out.</source>
        <translation>{0} を読み込めなかったため、除外しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This run did not finish, so the network as it was at its last saved point is exported.</source>
        <translation>この学習は最後まで終わっていないため、最後に保存した時点のネットワークを書き出します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The run&apos;s photos could not be read, so the self-check used generated pictures.</source>
        <translation>学習に使った写真を読み込めなかったため、自己チェックには生成した画像を使いました。</translation>
    </message>
</context>
<context>
    <name>PluralText</name>
    <message numerus="yes">
        <location filename="../../badbatch_gui/gui/text/plural_text.py" line="+17"/>
        <source>No batch looks unrepresentative (%n batch(es) checked).</source>
        <translation>
            <numerusform>代表的でないバッチはありません（%n 個のバッチを確認）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n file(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n 個のファイルを読み込めなかったため、スキップしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) do not fill a last batch and are not in these batches (later training rounds reshuffle them in).</source>
        <translation>
            <numerusform>%n 枚の写真は最後のバッチを満たさないため、これらのバッチには含まれていません（以降の学習ではシャッフルされて含まれます）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n batch(es) skipped.</source>
        <translation>
            <numerusform>%n 個のバッチをスキップしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) look wrong</source>
        <translation>
            <numerusform>写りの悪い写真が %n 枚あります</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>No photo looks wrong (%n photo(s) checked).</source>
        <translation>
            <numerusform>写りの悪い写真はありません（%n 枚をチェック）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) that look wrong will be left out</source>
        <translation>
            <numerusform>写りの悪い写真 %n 枚を学習から外します</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) that look wrong will be used anyway</source>
        <translation>
            <numerusform>写りの悪い写真 %n 枚も学習に使います</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Rejecting the whole batch would throw away %n photo(s) that look fine.</source>
        <translation>
            <numerusform>バッチごと除外すると、写りに問題のない写真 %n 枚も捨てることになります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) left out by you.</source>
        <translation>
            <numerusform>%n 枚をあなたが学習から外しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) kept for training by you.</source>
        <translation>
            <numerusform>%n 枚をあなたが学習に使うと決めました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Your decisions for %n photo(s) were cleared: the app&apos;s default applies again.</source>
        <translation>
            <numerusform>%n 枚についてのあなたの判断を取り消しました。アプリの初期設定に戻ります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n damaged decision(s) in the keep / leave-out list of this folder were ignored; all other decisions still apply. The list is backed up before it is next saved.</source>
        <translation>
            <numerusform>写真を使う・外すの判断のうち、壊れていた %n 件を無視しました。ほかの判断はそのまま使われます。次に保存する前に、元のファイルのバックアップを作ります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Removed %n unfinished export folder(s) that an interrupted export left in {0}.</source>
        <translation>
            <numerusform>中断された書き出しが {0} に残した未完成のフォルダー %n 個を削除しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-37"/>
        <source>%n photo(s) left out</source>
        <translation>
            <numerusform>%n 枚を除外</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n by hand</source>
        <translation>
            <numerusform>%n 枚は手動</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) that look wrong, left out automatically, are not in these batches.</source>
        <translation>
            <numerusform>自動で学習から外した写りの悪い写真 %n 枚は、これらのバッチに含まれていません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) you rejected are left out of these batches.</source>
        <translation>
            <numerusform>あなたが除外した写真 %n 枚は、これらのバッチに含まれていません。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/problem_text.py" line="+35"/>
        <source>The file is empty (0 bytes).</source>
        <translation>ファイルが空です（0 バイト）。</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>a named pipe (FIFO)</source>
        <translation>名前付きパイプ（FIFO）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a socket</source>
        <translation>ソケット</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a character device</source>
        <translation>キャラクターデバイス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a block device</source>
        <translation>ブロックデバイス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a special file</source>
        <translation>特殊なファイル</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This is a link to {0}, outside the folder, so it was not followed.</source>
        <translation>フォルダーの外（{0}）へのリンクのため、たどりませんでした。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is {0}, not an ordinary file, so it was not opened.</source>
        <translation>これは{0}で、通常のファイルではないため、開きませんでした。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is not a picture in a supported format (JPEG, PNG, GIF, BMP, TIFF, WebP).</source>
        <translation>対応している形式（JPEG、PNG、GIF、BMP、TIFF、WebP）の画像ではありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is damaged or cut short: part of the picture is missing.</source>
        <translation>ファイルが壊れているか途中で切れていて、画像の一部がありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file cannot be read (no permission, or a disk or network error).</source>
        <translation>ファイルを読めません（権限がない、またはディスクやネットワークのエラー）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The picture has too many pixels to open safely.</source>
        <translation>画素数が多すぎて、安全に開けません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The picture&apos;s colour format cannot be turned into an ordinary colour picture.</source>
        <translation>この画像の色形式は、通常のカラー画像に変換できません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The picture is too small to use.</source>
        <translation>画像が小さすぎて使えません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is not an ordinary file (a named pipe, a socket or a device), so it was not opened.</source>
        <translation>通常のファイルではない（名前付きパイプ、ソケット、デバイスなど）ため、開きませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is a link to a place outside the folder, so it was not followed.</source>
        <translation>フォルダーの外へのリンクのため、たどりませんでした。</translation>
    </message>
</context>
<context>
    <name>ProgressText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/progress_text.py" line="+18"/>
        <source>Loading the trained network…</source>
        <translation>学習済みネットワークを読み込み中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saving the network (encoder.safetensors)…</source>
        <translation>ネットワークを保存中（encoder.safetensors）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Self-check: loading the saved copy and comparing its answers…</source>
        <translation>自己チェック: 保存したコピーを読み込み、結果を比べています…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving the ONNX file (encoder.onnx)…</source>
        <translation>ONNX ファイルを保存中（encoder.onnx）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the record of the run (model_card.json)…</source>
        <translation>学習の記録を保存中（model_card.json）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Putting the export in its folder…</source>
        <translation>書き出したファイルをフォルダーに置いています…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done.</source>
        <translation>完了しました。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the photos…</source>
        <translation>写真を読み込み中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking at the photos…</source>
        <translation>写真を調べています…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scoring batches…</source>
        <translation>バッチを採点中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Computing the photos&apos; embeddings…</source>
        <translation>写真の特徴ベクトルを計算中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting…</source>
        <translation>書き出し中…</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../badbatch_gui/gui/dialogs/file_dialogs.py" line="+39"/>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>フォルダー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drive</source>
        <comment>All other platforms</comment>
        <translation>ドライブ</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location line="-3"/>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
<context>
    <name>ReasonText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/reason_text.py" line="+25"/>
        <source>too dark</source>
        <translation>暗すぎる</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too bright</source>
        <translation>明るすぎる</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blurry</source>
        <translation>ぼやけている</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grainy</source>
        <translation>ノイズが多い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>washed out</source>
        <translation>かすんでいる</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cut off</source>
        <translation>はみ出し・隠れ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unlike the rest</source>
        <translation>ほかと違う</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Much darker than the folder&apos;s typical photo.</source>
        <translation>フォルダーの典型的な写真よりかなり暗いです。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Much brighter than the folder&apos;s typical photo, with parts burnt out to white.</source>
        <translation>フォルダーの典型的な写真よりかなり明るく、一部が白く飛んでいます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out of focus or shaken: fine detail is missing.</source>
        <translation>ピンぼけか手ぶれで、細かい部分が写っていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speckled with grain (sensor noise), as in a shot taken in poor light.</source>
        <translation>暗い場所で撮ったときのような、ざらざらしたノイズ（センサーノイズ）があります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Washed out, as through fog or a dirty lens: little difference between light and dark.</source>
        <translation>霧や汚れたレンズ越しのようにかすんでいて、明暗の差がほとんどありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part of the view is empty or covered: the part may be out of frame, or something is in front of the lens.</source>
        <translation>画面の一部に何も写っていないか、隠れています。部品が枠からはみ出しているか、レンズの前に何かがある可能性があります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlike the other photos of the folder (a different subject, or something on it that does not belong).</source>
        <translation>フォルダーのほかの写真と違います（写っているものが違う、または本来ないものが写っている）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} {1}</source>
        <translation>{1} {0} 枚</translation>
    </message>
</context>
<context>
    <name>RecentFoldersMenu</name>
    <message>
        <location filename="../../badbatch_gui/gui/widgets/recent_menu.py" line="+34"/>
        <source>(none yet)</source>
        <translation>（まだありません）</translation>
    </message>
</context>
<context>
    <name>ReportSaver</name>
    <message>
        <location filename="../../badbatch_gui/gui/report/save_report.py" line="+42"/>
        <source>Save the report</source>
        <translation>レポートを保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Report saved to {0}.</source>
        <translation>レポートを {0} に保存しました。</translation>
    </message>
</context>
<context>
    <name>ResumeOfferDialog</name>
    <message>
        <location filename="../../badbatch_gui/gui/dialogs/resume_offer.py" line="+25"/>
        <source>Continue the interrupted training?</source>
        <translation>途中で止まった学習を続けますか？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The last training run did not finish (photos: “{0}”, preset: {1}, started {2}).

Resume continues it from its last saved point; nothing is lost. You can also resume it later from the Runs tab of the Train step.</source>
        <translation>前回の学習が最後まで終わっていません（写真:「{0}」、プリセット: {1}、開始: {2}）。

「再開」を押すと、最後に保存した時点から続けます。これまでの学習は失われません。あとで「学習」ステップの「実行一覧」タブから再開することもできます。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not now</source>
        <translation>今はしない</translation>
    </message>
</context>
<context>
    <name>RunList</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/run_list.py" line="+63"/>
        <source>Started</source>
        <translation>開始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Training time</source>
        <translation>学習時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peak memory</source>
        <translation>最大メモリー</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every training run on this computer, newest first.</source>
        <translation>このコンピューターでのすべての学習の実行です。新しい順に並びます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show curves</source>
        <translation>グラフを表示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw this run&apos;s recorded curves on the plots.</source>
        <translation>この実行で記録されたグラフを表示します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue this interrupted run from its last saved point.</source>
        <translation>中断したこの実行を、最後に保存された時点から続けます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>書き出す…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this run&apos;s trained encoder for use in other programs.</source>
        <translation>この実行で学習した特徴ネットワークを、他のプログラムで使えるように保存します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report…</source>
        <translation>レポート…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this run&apos;s report as a PDF to hand over: the photos used and left out, the time and memory it took, its loss curve, settings and export.</source>
        <translation>この実行のレポートを PDF で保存します。報告用に、使った写真と外した写真、かかった時間とメモリー、損失のグラフ、設定、書き出しをまとめます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the list of runs again.</source>
        <translation>実行の一覧を読み込み直します。</translation>
    </message>
</context>
<context>
    <name>RunMonitor</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/run_monitor.py" line="+42"/>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs</source>
        <translation>実行一覧</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Report…</source>
        <translation>レポート…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the report of the run shown as a PDF to hand over: the photos used and left out, the time and memory it took, its loss curve, settings and export.</source>
        <translation>表示中の実行のレポートを PDF で保存します。報告用に、使った写真と外した写真、かかった時間とメモリー、損失のグラフ、設定、書き出しをまとめます。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Preparing…</source>
        <translation>準備中…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Training finished.</source>
        <translation>学習が終わりました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training finished. You can export the encoder on the Export step.</source>
        <translation>学習が終わりました。「書き出し」ステップで特徴ネットワークを書き出せます。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Stopped. Progress is saved; choose the run in Runs and press Resume to continue.</source>
        <translation>停止しました。途中経過は保存されています。続けるには「実行一覧」でこの実行を選び、「再開」を押してください。</translation>
    </message>
</context>
<context>
    <name>RunProgress</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/run_progress.py" line="+15"/>
        <source>Not training.</source>
        <translation>学習していません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Estimated from the speed of the last steps.</source>
        <translation>直近のステップの速さから見積もっています。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>step %v of %m</source>
        <translation>ステップ %v / %m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>about {0} left</source>
        <translation>残り約 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>estimating time left…</source>
        <translation>残り時間を見積もっています…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>paused</source>
        <translation>一時停止中</translation>
    </message>
</context>
<context>
    <name>RunReport</name>
    <message>
        <location filename="../../badbatch_gui/gui/report/run_pdf.py" line="+60"/>
        <location line="+155"/>
        <source>Training report: {0}</source>
        <translation>学習レポート: {0}</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Made on {0} with BadBatch Studio {1}</source>
        <translation>{0} に BadBatch Studio {1} で作成</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Photo folder</source>
        <translation>写真のフォルダー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run folder</source>
        <translation>実行フォルダー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>開始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished</source>
        <translation>終了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trained with</source>
        <translation>学習環境</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BadBatch Studio {0} on {1}</source>
        <translation>BadBatch Studio {0}、{1}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>graphics card</source>
        <translation>グラフィックボード</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>computer memory</source>
        <translation>コンピューターのメモリー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>of {0} in the folder</source>
        <translation>フォルダー内 {0} 枚のうち</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training time</source>
        <translation>学習時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not counting pauses</source>
        <translation>一時停止の時間は含みません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peak memory</source>
        <translation>最大メモリー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos used</source>
        <translation>使った写真</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Photos left out</source>
        <translation>学習から外した写真</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No photo was left out: training used every photo in the folder.</source>
        <translation>外した写真はありません。フォルダーのすべての写真を学習に使いました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>During training, {0} batch(es) that looked unlike the rest of the folder were skipped.</source>
        <translation>学習中、フォルダーのほかの写真と様子が違うバッチを {0} 個とばしました。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>left out by hand</source>
        <translation>手動で除外</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loss during training (lower is better)</source>
        <translation>学習中の損失（低いほど良い）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Warnings during training</source>
        <translation>学習中の警告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None: the health checks raised no warning.</source>
        <translation>ありません。学習の監視で警告は出ませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step {0}: {1}</source>
        <translation>ステップ {0}: {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… and {0} more.</source>
        <translation>…ほか {0} 件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} (lowered to {1} to fit in memory)</source>
        <translation>{0}（メモリーに収めるため {1} に下げました）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} of {1} done</source>
        <translation>{1} 回中 {0} 回完了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passes over the photos</source>
        <translation>写真を一巡する回数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image size</source>
        <translation>画像サイズ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} pixels</source>
        <translation>{0} ピクセル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>乱数シード</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This run has not been exported.</source>
        <translation>この実行はまだ書き出されていません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not recorded</source>
        <translation>記録なし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>passed: the saved network gives the same results as the trained one (largest difference {0})</source>
        <translation>合格: 保存したネットワークは学習したものと同じ結果を出します（最大の差 {0}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>FAILED: the saved network does not give the trained one&apos;s results</source>
        <translation>不合格: 保存したネットワークの結果が学習したものと一致しません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made</source>
        <translation>作成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Self-test</source>
        <translation>自己チェック</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The newest export is shown; the run has {0} other(s).</source>
        <translation>いちばん新しい書き出しを表示しています。この実行にはほかに {0} 件あります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Evaluation on labelled photos</source>
        <translation>ラベル付き写真での評価</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No evaluation is stored with this run. To add one, run: badbatch eval RUN_FOLDER LABELLED_FOLDER (one sub-folder of photos per kind).</source>
        <translation>この実行には評価が保存されていません。評価を加えるには、「badbatch eval RUN_FOLDER LABELLED_FOLDER」を実行してください（RUN_FOLDER は実行フォルダー、LABELLED_FOLDER は種類ごとに写真のサブフォルダーがあるフォルダーです）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Labelled folder</source>
        <translation>ラベル付きフォルダー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured</source>
        <translation>測定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} kinds; {1} to learn from, {2} to test</source>
        <translation>{0} 種類。学習用 {1} 枚、テスト用 {2} 枚</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nearest neighbours (k-NN) accuracy</source>
        <translation>近傍法（k-NN）の正解率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Linear probe accuracy</source>
        <translation>線形分類（リニアプローブ）の正解率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nearest photo (1-NN) accuracy</source>
        <translation>最も近い写真（1-NN）の正解率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Guessing (chance)</source>
        <translation>当てずっぽう（偶然）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figure</source>
        <translation>指標</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This run</source>
        <translation>この実行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Untrained network</source>
        <translation>学習前のネットワーク</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>BadBatch Studio · {0} · {1}</source>
        <translation>BadBatch Studio · {0} · {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>training report</source>
        <translation>学習レポート</translation>
    </message>
</context>
<context>
    <name>RunSummaryView</name>
    <message>
        <location filename="../../badbatch_gui/gui/widgets/run_summary.py" line="+45"/>
        <source>Training time</source>
        <translation>学習時間</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time spent training, not counting pauses.</source>
        <translation>学習にかかった時間です（一時停止の時間は含みません）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Peak memory</source>
        <translation>最大メモリー</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The most memory training used at any moment.</source>
        <translation>学習中に使ったメモリーの最大量です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos used</source>
        <translation>使った写真</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How many photos training learned from.</source>
        <translation>学習に使った写真の枚数です。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>so far</source>
        <translation>現在まで</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>graphics card</source>
        <translation>グラフィックボード</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>computer memory</source>
        <translation>コンピューターのメモリー</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>of {0} in the folder</source>
        <translation>フォルダー内 {0} 枚のうち</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} left out by you</source>
        <translation>{0} 枚はあなたが除外</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n batch(es) skipped</source>
        <translation>
            <numerusform>%n 個のバッチをスキップ</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>RunText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/run_text.py" line="+21"/>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training now</source>
        <translation>学習中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped — can resume</source>
        <translation>停止 — 再開できます</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed — can resume</source>
        <translation>失敗 — 再開できます</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interrupted — can resume</source>
        <translation>中断 — 再開できます</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>trial (Quick check)</source>
        <translation>試し（クイックチェック）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is a trial run (Quick check): it shows that the photos, the settings and this computer work together, but its network is not ready for use. Train with the Standard or Small GPU preset for one to use.</source>
        <translation>これは試しの学習（クイックチェック）です。写真・設定・このコンピューターで一通り動くことは確かめられますが、このネットワークはまだ実際の利用には使えません。利用するネットワークは「標準」または「小型GPU」で学習してください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0}, changed</source>
        <translation>{0}（設定を変更）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>({0} kept by you)</source>
        <translation>（うち {0} 枚はあなたが使うと判断）</translation>
    </message>
</context>
<context>
    <name>ScoreSettings</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/score_settings.py" line="+39"/>
        <source>How many photos training looks at together; use the same number you will train with.</source>
        <translation>学習で一度に見る写真の枚数です。学習で使うのと同じ値にしてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Typical photos (recommended)</source>
        <translation>典型的な写真と比較（推奨）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Augmentation check (as in training)</source>
        <translation>拡張チェック（学習時と同じ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variations against the original</source>
        <translation>変化版を元の写真と比較</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What each batch is compared with to decide whether it is unusual.</source>
        <translation>各バッチが異常かどうかを判断するために、何と比べるかを選びます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The network that turns photos into numbers to compare. A network trained on your photos gives the most meaningful scores.</source>
        <translation>写真を比較用の数値に変換するネットワークです。あなたの写真で学習したネットワークを使うと、最も意味のあるスコアになります。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check batches</source>
        <translation>バッチをチェック</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score every batch training will use, in the background.</source>
        <translation>学習で使うすべてのバッチを、バックグラウンドで採点します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the check. Nothing is changed.</source>
        <translation>チェックを中止します。何も変更されません。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Batch size:</source>
        <translation>バッチサイズ:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check mode:</source>
        <translation>チェック方法:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feature network:</source>
        <translation>特徴ネットワーク:</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Untrained (built in)</source>
        <translation>未学習（内蔵）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trained: {0}</source>
        <translation>学習済み: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a file…</source>
        <translation>ファイルを選ぶ…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose a trained network</source>
        <translation>学習済みネットワークを選ぶ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network files (*.safetensors *.pt *.pth);;All files (*)</source>
        <translation>ネットワークファイル (*.safetensors *.pt *.pth);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>ScoreText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/score_text.py" line="+29"/>
        <source>No batch was scored.</source>
        <translation>採点されたバッチはありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No batch is rejected: there is no threshold yet.</source>
        <translation>まだしきい値がないため、除外されるバッチはありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} of {1} batches ({2}) look unrepresentative.</source>
        <translation>{1} 個中 {0} 個のバッチ（{2}）が代表的でないようです。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rejecting this many batches throws away variety in your photos; consider raising the threshold.</source>
        <translation>これほど多くのバッチを除外すると、写真の多様性が失われます。しきい値を上げることを検討してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These scores come from an untrained feature network: it sees brightness, colour and texture, not what your parts look like. Scores become more meaningful after training (step 3) — then check again with the trained network.</source>
        <translation>このスコアは未学習の特徴ネットワークによるものです。明るさ・色・質感は見えますが、部品の見た目そのものはわかりません。学習（ステップ3）の後、学習済みネットワークでもう一度チェックすると、より意味のあるスコアになります。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The batch scores are all alike, so no automatic threshold can be set. Drag the line to set one yourself.</source>
        <translation>バッチのスコアがどれも同じくらいなので、自動しきい値を決められません。線をドラッグして自分で決めてください。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Most batches hold a photo that looks wrong, so many batches look unrepresentative. Leave the photos that look wrong out (training does this by default) rather than rejecting whole batches, then check again.</source>
        <translation>ほとんどのバッチに写りの悪い写真が含まれているため、多くのバッチが代表的でないと判定されています。バッチごと除外するのではなく、写りの悪い写真を外してから（学習では初期設定で外します）、もう一度チェックしてください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Compares each batch&apos;s photos with the folder&apos;s typical photos, so batches holding photos that look wrong (dark, blurry, cut off…) stand out.</source>
        <translation>各バッチの写真をフォルダーの典型的な写真と比べます。写りの悪い写真（暗い、ぼやけている、はみ出しているなど）を含むバッチが目立ちます。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Checked “{0}” with batches of {1}, using {2}.</source>
        <translation>「{0}」の方法で、バッチサイズ {1}、{2}を使ってチェックしました。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the built-in untrained network</source>
        <translation>内蔵の未学習ネットワーク</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the network trained on ImageNet&apos;s everyday photos</source>
        <translation>ImageNet の一般的な写真で学習したネットワーク</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the network trained on your photos ({0})</source>
        <translation>あなたの写真で学習したネットワーク（{0}）</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>No threshold was set: batches of {0} give only {1} batches, and the automatic threshold needs at least {3}. Choose a batch size of {2} or less, or drag the line to set a threshold yourself.</source>
        <translation>しきい値を設定していません。バッチサイズ {0} ではバッチが {1} 個しかなく、自動しきい値には {3} 個以上必要です。バッチサイズを {2} 以下にするか、線をドラッグしてしきい値を自分で設定してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No threshold was set: the folder has too few photos for {0} batches, which the automatic threshold needs. Drag the line to set a threshold yourself.</source>
        <translation>しきい値を設定していません。自動しきい値に必要な {0} 個のバッチを作るには写真が足りません。線をドラッグしてしきい値を自分で設定してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only {0} batches were scored; an automatic threshold needs at least {1}. Choose a smaller batch size, or drag the line to set a threshold yourself.</source>
        <translation>採点されたバッチは {0} 個だけです。自動しきい値には{1}個以上必要です。バッチサイズを小さくするか、線をドラッグして自分でしきい値を決めてください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Batches of {0} photos are small, which makes the scores noisy; {1} or more are recommended.</source>
        <translation>{0} 枚のバッチは小さいため、スコアがばらつきます。{1}枚以上をおすすめします。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The batch size was lowered from {0} to {1}, so the {2} photos give {3} batches: the automatic threshold needs at least {4}.</source>
        <translation>自動しきい値には {4} 個以上のバッチが必要なため、バッチサイズを {0} から {1} に下げました。写真 {2} 枚で {3} 個のバッチになります。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The folder&apos;s typical photos ({0}) are what each batch is compared with; the {1} photos far from the rest are not part of that yardstick.</source>
        <translation>各バッチはフォルダーの典型的な写真（{0} 枚）と比較しています。ほかと大きく違う {1} 枚は、この基準に含めていません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The threshold you typed was set for another batch size or check mode; its meaning may differ.</source>
        <translation>入力したしきい値は別のバッチサイズまたはチェック方法で決めたものです。意味が異なる場合があります。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The check training itself applies to every batch (the paper&apos;s score): how much the two random variations of a batch disagree. Use it to see whether the variations are too strong for your photos; it does not show bad shots.</source>
        <translation>学習中に各バッチへ行う確認と同じもの（論文のスコア）で、バッチの2つのランダムな変化版がどれだけ食い違うかを測ります。変化が写真に対して強すぎないかを見るときに使います。失敗写真は見つけられません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compares each batch&apos;s variations with the unchanged photos, showing how much the variations change them.</source>
        <translation>各バッチの変化させた写真を元の写真と比べ、変化でどれだけ変わるかを調べます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>augmentation check</source>
        <translation>拡張チェック</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>variations against the original</source>
        <translation>変化版と元の写真の比較</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>against the folder&apos;s typical photos</source>
        <translation>フォルダーの典型的な写真と比較</translation>
    </message>
</context>
<context>
    <name>Sentences</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/sentences.py" line="+42"/>
        <source>: </source>
        <translation>: </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../badbatch_gui/gui/dialogs/settings_dialog.py" line="+20"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Same as the computer</source>
        <translation>コンピューターと同じ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The language of the app&apos;s windows and messages.</source>
        <translation>アプリの画面とメッセージの言語です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language takes effect the next time you start the app.</source>
        <translation>新しい言語は、次にアプリを起動したときに有効になります。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/setup_panel.py" line="+29"/>
        <source>Start training</source>
        <translation>学習を開始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the memory, then start training with these settings.</source>
        <translation>メモリーを確認してから、この設定で学習を始めます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause after the current step; nothing is lost.</source>
        <translation>今のステップが終わったら一時停止します。何も失われません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the paused run, or the interrupted run chosen in Runs.</source>
        <translation>一時停止中の実行、または「実行一覧」で選んだ中断した実行を続けます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop and save progress; you can resume the run later.</source>
        <translation>途中経過を保存して停止します。あとで再開できます。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>No photos yet: open a folder on the Images step.</source>
        <translation>写真がまだありません。「画像」ステップでフォルダーを開いてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This folder has no usable photo.</source>
        <translation>このフォルダーには使える写真がありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training will use {0} of {1} photos ({2} left out).</source>
        <translation>{1} 枚のうち {0} 枚の写真で学習します（{2} 枚は除外）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training will use {0} of {1} photos (this preset uses at most {0}; {2} left out).</source>
        <translation>{1} 枚のうち {0} 枚の写真で学習します（このプリセットは最大 {0} 枚を使用、{2} 枚は除外）。</translation>
    </message>
</context>
<context>
    <name>SimilarPanel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/inspect/similar_panel.py" line="+99"/>
        <source>Click a photo to see the photos most like it — or drop a photo here from anywhere.</source>
        <translation>写真をクリックすると、よく似た写真を表示します。ほかの場所の写真をここにドロップすることもできます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List every indexed photo, or only the groups of near-duplicates.</source>
        <translation>索引のすべての写真、またはほぼ同じ写真のグループだけを一覧にします。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+220"/>
        <source>Photos at least this alike are grouped as near-duplicates: 1.00 means the network sees no difference at all; 0.95 catches the same shot taken again with small changes.</source>
        <translation>この値以上に似ている写真を「ほぼ同じ写真」としてまとめます。1.00 はネットワークから見て違いがまったくないこと、0.95 なら少しだけ変えて撮り直した同じ写真も含まれます。</translation>
    </message>
    <message>
        <location line="-207"/>
        <source>Alike at least:</source>
        <translation>似ている度合いの下限:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+84"/>
        <source>No photo chosen yet.</source>
        <translation>写真はまだ選ばれていません。</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Compare with the untrained network</source>
        <translation>学習前のネットワークと比べる</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show, beside these answers, what the same network gives before any training (random starting weights). Where the two lists differ, training changed what the network finds alike.</source>
        <translation>この結果の横に、同じネットワークの学習前（ランダムな初期値）の結果を表示します。2つの一覧が違うところは、学習によって「似ている」の見方が変わったところです。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How many similar photos to show.</source>
        <translation>表示する似た写真の枚数です。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Photos shown:</source>
        <translation>表示枚数:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Trained network</source>
        <translation>学習済みネットワーク</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What your trained network finds alike.</source>
        <translation>学習済みネットワークが似ていると判断した写真です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Untrained network (before training)</source>
        <translation>学習前のネットワーク</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the same network finds alike with random starting weights, before any training.</source>
        <translation>同じネットワークが、学習前のランダムな初期値で似ていると判断した写真です。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Near-duplicates only</source>
        <translation>ほぼ同じ写真だけ</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>from this folder</source>
        <translation>このフォルダーの写真</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>from outside the folder</source>
        <translation>フォルダー外の写真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Photos like {0}&lt;/b&gt; ({1})</source>
        <translation>&lt;b&gt;{0} に似た写真&lt;/b&gt;（{1}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Photos only in the trained list are what training taught the network to see as alike.</source>
        <translation>学習済みの一覧にだけある写真は、学習によって似ていると見るようになった写真です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preparing the untrained network…</source>
        <translation>学習前のネットワークを準備中…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Similarity: {0}</source>
        <translation>似ている度合い: {0}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&lt;b&gt;Photos like {0}&lt;/b&gt; (searching…)</source>
        <translation>&lt;b&gt;{0} に似た写真&lt;/b&gt;（検索中…）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Group {0} · {1}</source>
        <translation>グループ {0} · {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No near-duplicates at this similarity.</source>
        <translation>この似ている度合いでは、ほぼ同じ写真はありません。</translation>
    </message>
</context>
<context>
    <name>StatusBanner</name>
    <message>
        <location filename="../../badbatch_gui/gui/widgets/status_banner.py" line="+35"/>
        <source>Hide this message.</source>
        <translation>このメッセージを隠します。</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../badbatch_gui/gui/widgets/task_status.py" line="+22"/>
        <source>Loading the machine-learning runtime…</source>
        <translation>機械学習ランタイムを読み込み中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The processor used for scoring and training; a graphics card (GPU) is much faster than the CPU.</source>
        <translation>採点と学習に使うプロセッサーです。グラフィックボード（GPU）は CPU よりずっと高速です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+43"/>
        <source>No folder</source>
        <translation>フォルダーなし</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Stop the task that is running.</source>
        <translation>実行中の処理を中止します。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>GPU: {0}, {1}</source>
        <translation>GPU: {0}、{1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CPU (no graphics card found)</source>
        <translation>CPU（グラフィックボードが見つかりません）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Machine-learning runtime unavailable</source>
        <translation>機械学習ランタイムを使えません</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/page.py" line="+110"/>
        <location line="+186"/>
        <source>Open a folder of photos on the Images step first.</source>
        <translation>先に「画像」ステップで写真のフォルダーを開いてください。</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>Training started in {0}.</source>
        <translation>{0} で学習を開始しました。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Resuming {0} from its last saved point.</source>
        <translation>{0} を最後に保存された時点から再開します。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Continuing.</source>
        <translation>続けます。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Another task is running; wait for it to finish first.</source>
        <translation>別の処理が実行中です。終わるまで待ってください。</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Memory is checked once the folder has photos to train on.</source>
        <translation>メモリーは、学習に使える写真があるフォルダーを選んだときに確認します。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Training was not started: see the Memory box for why and what to change.</source>
        <translation>学習は開始されませんでした。理由と変更すべき点は「メモリー」欄を見てください。</translation>
    </message>
</context>
<context>
    <name>TrainSettingsPanel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/settings_panel.py" line="+44"/>
        <source>A ready-made set of training settings. Start with Quick check, then grow to Standard.</source>
        <translation>用意された学習設定の組み合わせです。まず「クイックチェック」で試し、次に「標準」に進んでください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Advanced settings</source>
        <translation>詳細設定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show or hide the individual training settings.</source>
        <translation>個々の学習設定を表示・非表示にします。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How the network learns from your photos without labels: it learns to tell each photo from the others. Point at a choice to see what it does.</source>
        <translation>ラベルなしで写真から学習する方法です。ネットワークは各写真をほかの写真と見分けられるように学びます。各選択肢にポインターを合わせると、その内容が表示されます。</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+112"/>
        <source>{0} px</source>
        <translation>{0} px</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Photos are shrunk to this many pixels per side for training. Larger sees finer detail but is slower.</source>
        <translation>学習では写真の一辺をこのピクセル数に縮小します。大きいほど細部まで見えますが、時間がかかります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skip unrepresentative batches</source>
        <translation>代表的でないバッチをスキップ</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image size</source>
        <translation>画像サイズ</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Works as the EMC2 paper intends: at every step it looks again at the photos each photo&apos;s chain has picked from earlier batches. About a third more work per step and one graphics card; in our measurements no more accurate than the recommended way. Technical name: EMC2 (Yau et al., ICML 2024).</source>
        <translation>EMC2 の論文が意図するとおりに動きます。各写真のチェーンが前のバッチから選んだ写真を、毎ステップ見直します。1 ステップあたりの処理が約 3 分の 1 増え、グラフィックスカードは 1 枚だけ使います。開発時の測定では、推奨の方法より精度が高くはなりませんでした。専門用語：EMC2（Yau ほか、ICML 2024）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compares each photo with the other photos of its batch and with stored copies of photos from earlier batches that it picked, so a small batch sees more than itself. Fits a small graphics card. Technical name: EMC2 with stored embeddings, a variant of EMC2 (Yau et al., ICML 2024) that uses stored copies where the paper looks at the photos again.</source>
        <translation>各写真を、同じバッチのほかの写真と、前のバッチから選んだ写真の保存済みコピーとで比べます。そのため小さなバッチでも、そのバッチ以外の写真を参照できます。小さなグラフィックスカードに収まります。専門用語：保存済み埋め込みを使う EMC2。EMC2（Yau ほか、ICML 2024）の変種で、論文では写真を見直すところを、保存済みのコピーで代用します。</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>EMC2 (paper) trains on one graphics card. Choose another method in the Advanced settings to use all of them.</source>
        <translation>EMC2（論文どおり）はグラフィックボード1枚で学習します。すべてのボードを使うには、詳細設定で別の方式を選んでください。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Works with small batches, so it fits a small graphics card.</source>
        <translation>小さなバッチで動くため、小さなグラフィックスカードに収まります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As the EMC2 paper intends; about a third slower, one graphics card.</source>
        <translation>EMC2 の論文が意図するとおりの方法です。約 3 分の 1 遅く、グラフィックスカードは 1 枚だけ使います。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For comparison: meant for smaller batches than the classic way.</source>
        <translation>比較用です。従来の方法より小さなバッチ向けです。</translation>
    </message>
    <message>
        <location line="-231"/>
        <source>How many photos training looks at together in one step. Larger batches need more memory; with the recommended way of learning 16 to 32 are enough.</source>
        <translation>学習が1ステップでまとめて扱う写真の枚数です。大きいほどメモリーが必要です。推奨の学習方法なら 16〜32 で十分です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many times training goes through all your photos (technically: epochs). More passes learn more and take longer; the time grows with the number of passes.</source>
        <translation>すべての写真を何周学習するかです（技術用語ではエポック数）。周回が多いほどよく学習しますが、その分時間がかかります。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>While training, a batch whose photos look unlike the rest of the folder is drawn again with other random variations, or skipped, instead of trained on.</source>
        <translation>学習中、写真がフォルダーのほかの写真と違って見えるバッチは、別のランダムな変化で作り直すか、学習に使わずにスキップします。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decides the order of the photos and their random variations (technically: the random seed). The same number with the same photos and settings repeats a run exactly; another number gives a slightly different run.</source>
        <translation>写真の順番とランダムな変化の出方を決める番号です（技術用語では乱数シード）。同じ写真・同じ設定でこの番号も同じなら、まったく同じ学習を再現できます。番号を変えると、少し違う学習になります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How it learns</source>
        <translation>学習方法</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training passes</source>
        <translation>学習の周回数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shuffle number</source>
        <translation>並べ替え番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use all graphics cards</source>
        <translation>すべてのグラフィックボードを使う</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+152"/>
        <source>Train on every graphics card of this computer at once; each batch is split between them.</source>
        <translation>このコンピューターのすべてのグラフィックボードで同時に学習します。各バッチはボード間で分割されます。</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>A variant of EMC2 kept for comparisons (README, “Design choices”).</source>
        <translation>比較のために残している EMC2 の変種です（README の「Design choices」を参照）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compares each photo with every other photo of its batch; learns well only with large batches (256 or more), which need a large graphics card. Technical name: SimCLR.</source>
        <translation>各写真をバッチ内のほかのすべての写真と比べます。大きなバッチ（256 枚以上）でないとよく学習できず、大きなグラフィックボードが必要です。技術的な名前: SimCLR。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Like the classic way, but keeps a running average per photo so that smaller batches work better. For comparison. Technical name: SogCLR.</source>
        <translation>従来の方法と同じですが、写真ごとに移動平均を保持するので、小さめのバッチでも学習しやすくなります。比較用です。技術的な名前: SogCLR。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Quick check</source>
        <translation>クイックチェック</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Small GPU</source>
        <translation>小型GPU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paper settings</source>
        <translation>論文の設定</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>For comparison: needs large batches (256 or more) to learn well.</source>
        <translation>比較用: よく学習するには大きなバッチ（256 枚以上）が必要です。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(You changed some settings.)</source>
        <translation>（設定の一部が変更されています。）</translation>
    </message>
</context>
<context>
    <name>TrainText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/train_text.py" line="+22"/>
        <source>Progress saved (step {0}).</source>
        <translation>途中経過を保存しました（ステップ {0}）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pass {0} of {1} done: average loss {2}.</source>
        <translation>{1} 周のうち {0} 周目が終わりました: 平均損失 {2}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Over all photos: {0}.</source>
        <translation>全写真での損失：{0}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(An encoder that sees all photos alike scores {0}.)</source>
        <translation>（すべての写真を同じと見なすエンコーダーのスコアは {0} です。）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>As in the paper, slower (EMC2, paper)</source>
        <translation>論文どおり・低速（EMC2、論文版）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recommended, small batches (EMC2 with stored embeddings)</source>
        <translation>推奨・小さなバッチ向け（保存済み埋め込みを使う EMC2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EMC2 with stored-embedding scores</source>
        <translation>EMC2（保存した埋め込みで採点）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EMC2 as the official code runs it</source>
        <translation>EMC2（公式コードの動作）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classic, large batches (SimCLR)</source>
        <translation>従来の方法・大きなバッチ向け（SimCLR）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classic with averages (SogCLR)</source>
        <translation>従来の方法・平均値つき（SogCLR）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Paused. Press Resume to continue.</source>
        <translation>一時停止しました。続けるには「再開」を押してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopping and saving…</source>
        <translation>停止して保存しています…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pausing after this step…</source>
        <translation>このステップのあとで一時停止します…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not training.</source>
        <translation>学習していません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparing the photos…</source>
        <translation>写真を準備しています…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused.</source>
        <translation>一時停止中。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Training…</source>
        <translation>学習中…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Quick check</source>
        <translation>クイックチェック</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Small GPU</source>
        <translation>小型GPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper settings</source>
        <translation>論文の設定</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A short trial on up to {0} small photos: checks in a few minutes that everything works before you start a long run. Its network is a trial, not for use.</source>
        <translation>最大 {0} 枚の小さな写真で短く試します。長い学習を始める前に、数分で一通り動くことを確かめます。できるネットワークは試し用で、実際の利用には使えません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Batches of {0} photos, so this fits a small graphics card; the recommended way of learning is made for small batches.</source>
        <translation>バッチは {0} 枚なので、小さなグラフィックスカードに収まります。推奨の学習方法は小さなバッチ向けに作られています。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The loss fell from {0} at the start to {1} over the last pass (all photos alike would score {2}): the encoder learned to tell your photos apart.</source>
        <translation>損失は開始時の {0} から、最後の周回では {1} に下がりました（すべての写真が同じなら {2}）。エンコーダーは写真を見分けられるようになっています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The loss went from {0} at the start to {1} over the last pass, the level of an encoder that sees all photos alike ({2}): it tells your photos apart no better than chance. Train again with a lower learning rate.</source>
        <translation>損失は開始時の {0} から、最後の周回で {1} になりました。これはすべての写真を同じと見なすエンコーダーの水準（{2}）で、写真を偶然以上には見分けられていません。学習率を下げて、もう一度学習してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The loss went from {0} at the start to {1} over the last pass (all photos alike would score {2}): it hardly fell, so the encoder learned little. Train for more passes, or check that your photos differ from one another.</source>
        <translation>損失は開始時の {0} から、最後の周回で {1} になりました（すべての写真が同じなら {2}）。ほとんど下がっておらず、エンコーダーはあまり学習していません。周回数を増やして学習するか、写真どうしに違いがあるかを確かめてください。</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>The settings of the research paper the recommended way of learning comes from: slow, for comparing with published results.</source>
        <translation>推奨の学習方法の元になった研究論文の設定です。時間がかかります。公表された結果と比べるためのものです。</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The everyday choice for a workstation graphics card: {0} passes over all photos.</source>
        <translation>ワークステーションのグラフィックボード向けの普段使いの設定です。すべての写真を{0}周します。</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/training_plots.py" line="+43"/>
        <source>GB</source>
        <translation>GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss (lower is better)</source>
        <translation>損失（低いほど良い）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../badbatch_gui/gui/report/loss_chart.py" line="-42"/>
        <source>each step</source>
        <translation>各ステップ</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../badbatch_gui/gui/report/loss_chart.py" line="+1"/>
        <source>smoothed</source>
        <translation>平滑化</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../badbatch_gui/gui/report/loss_chart.py" line="+1"/>
        <source>all photos, per pass</source>
        <translation>全写真（周回ごと）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../badbatch_gui/gui/report/loss_chart.py" line="+1"/>
        <source>at the start</source>
        <translation>開始時</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../badbatch_gui/gui/report/loss_chart.py" line="+1"/>
        <source>all photos alike — collapsed</source>
        <translation>すべての写真が同じ — 崩壊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>images per second</source>
        <translation>毎秒の画像数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>images/s</source>
        <translation>画像/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory in use</source>
        <translation>使用中のメモリー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>graphics card: used</source>
        <translation>グラフィックボード: 使用中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>graphics card: reserved</source>
        <translation>グラフィックボード: 確保済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>computer memory (this app)</source>
        <translation>コンピューターのメモリー（このアプリ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>forecast</source>
        <translation>予測</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batches skipped as unrepresentative</source>
        <translation>代表的でないためスキップしたバッチ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>batches</source>
        <translation>バッチ数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skipped so far</source>
        <translation>これまでのスキップ数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How well the encoder tells photos apart; lower is better, and it is the same measure for every method. The thin line is each training step&apos;s value, measured on that step&apos;s batch only; the dark line smooths it. The dots are the same measure over all photos at once, computed after each pass from what the network gave every photo during that pass: the quantity training minimises, and far steadier. Compare the dots with one another, not with the thin line: they are measured differently. In the first passes, while the network still changes quickly, the dots read low, because they mix results from across the pass. The dotted line is the value at the start, before the encoder learned anything. The dashed line is what an encoder scores when it sees all photos alike (a collapsed encoder). A healthy run falls well below the start and stays below the dashed line. Values below zero are normal: they mean the two views of a photo are much closer than any other photo.</source>
        <translation>エンコーダーが写真をどれだけ見分けられるかを示します。低いほど良く、どの方式でも同じ尺度です。細い線は各学習ステップの値で、そのステップのバッチだけで測ったものです。濃い線はそれを平滑化したものです。点は同じ尺度を全写真でまとめて測った値で、各周回のあと、その周回でネットワークが各写真に出した結果から計算します。学習が小さくしようとしている量そのもので、ずっと安定しています。点どうしを比べてください。測り方が違うので、細い線とは比べられません。最初の数周回はネットワークがまだ速く変わるため、周回中のいろいろな時点の結果が混ざり、点は低めに出ます。点線は開始時、つまりエンコーダーがまだ何も学習していないときの値です。破線は、すべての写真を同じと見なすエンコーダー（崩壊したエンコーダー）のスコアです。順調な学習では、開始時より十分に下がり、破線より下にとどまります。ゼロより下の値も正常です。同じ写真の 2 つのビューが、ほかのどの写真よりもずっと近いことを示します。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>How many photos training processes per second.</source>
        <translation>学習が1秒間に処理する写真の枚数です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory used by training, against what the device has.</source>
        <translation>学習が使っているメモリーを、装置の容量と比べて表示します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batches that looked unlike the rest of the folder and were not trained on (curation).</source>
        <translation>フォルダーの他の写真と様子が違ったため、学習に使わなかったバッチです（選別）。</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/units.py" line="+28"/>
        <source>{0} h {1:02d} min</source>
        <translation>{0} 時間 {1:02d} 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} min {1:02d} s</source>
        <translation>{0} 分 {1:02d} 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/vocabulary.py" line="+22"/>
        <source>unusable files</source>
        <translation>使えないファイル</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unusable files cannot be opened or used at all (damaged, not a picture, too small); the Problems tab says why for each. They are not the photos that look wrong, which the Batch check finds among the photos that open fine.</source>
        <translation>使えないファイルは、開くことも使うこともできないファイルです（壊れている、画像ではない、小さすぎるなど）。理由は「問題」タブで確認できます。写りの悪い写真とは別のものです。写りの悪い写真は、問題なく開ける写真の中からバッチチェックが見つけます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Photos that look wrong open fine but are too dark, blurry, cut off or unlike the rest, compared with this folder&apos;s typical photo. Each is counted once, under its main reason. Unusable files (damaged, not a picture, too small) are a different count: they cannot be opened at all and are listed on the Images step.</source>
        <translation>写りの悪い写真は、問題なく開けるものの、このフォルダーの典型的な写真と比べて暗すぎる、ぼやけている、はみ出している、ほかと違う写真です。各写真は主な理由で1回だけ数えます。使えないファイル（壊れている、画像ではない、小さすぎるなど）は別の数で、そもそも開けないファイルです。「画像」ステップに一覧があります。</translation>
    </message>
</context>
</TS>
