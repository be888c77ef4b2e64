<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>App</name>
    <message>
        <location filename="../../badbatch_gui/gui/app.py" line="+90"/>
        <source>Something went wrong: {0}</source>
        <translation>問題が発生しました: {0}</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../../badbatch_gui/gui/controller.py" line="+98"/>
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
        <location line="+6"/>
        <source>Loading the machine-learning runtime; scoring starts right after.</source>
        <translation>機械学習ランタイムを読み込み中です。読み込みが終わるとすぐに採点を始めます。</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>The machine-learning runtime could not be loaded. Scoring and training will not work until this is fixed.</source>
        <translation>機械学習ランタイムを読み込めませんでした。この問題が解決するまで、採点と学習は使えません。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Another task is running; wait for it or cancel it first.</source>
        <translation>別の処理が実行中です。終わるまで待つか、先に中止してください。</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+5"/>
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
        <location filename="../../badbatch_gui/gui/pages/batch_check/page.py" line="+56"/>
        <source>&lt;h2&gt;2 · Batch check&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;2 · バッチチェック&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Selected batch</source>
        <translation>選択したバッチ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export list…</source>
        <translation>リストを書き出す…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the photos training will leave out, and why, as a CSV file for a spreadsheet.</source>
        <translation>学習で使わない写真とその理由を、表計算ソフト用の CSV ファイルに保存します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next: Train</source>
        <translation>次へ: 学習</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to step 3 to train the feature network; your decisions are used.</source>
        <translation>ステップ3で特徴ネットワークを学習します。あなたの判断が反映されます。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Choose and scan a folder in step 1 first.</source>
        <translation>先にステップ1でフォルダーを選んでスキャンしてください。</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%n batch(es) rejected</source>
        <translation>
            <numerusform>%n 個のバッチを除外</numerusform>
        </translation>
    </message>
    <message>
        <location line="-159"/>
        <source>Before training, the app looks at every photo and at the batches training will draw. Photos that look wrong — too dark, blurry, cut off, unlike the rest — come first: leave them out or keep them. Photos and batches you reject are left out of training.</source>
        <translation>学習の前に、すべての写真と、学習で使うバッチを確認します。おかしく見える写真（暗すぎる、ぼやけている、はみ出している、ほかと違う など）を最初に表示しますので、外すか使うかを選んでください。除外した写真とバッチは学習に使われません。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Batches</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Click “Check batches” to check the {0} usable photos.</source>
        <translation>「バッチを確認」をクリックすると、使える写真 {0} 枚を確認します。</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Save the list of rejected photos</source>
        <translation>除外する写真のリストを保存</translation>
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
        <location filename="../../badbatch_gui/gui/pages/batch_check/batch_review.py" line="+124"/>
        <location line="+72"/>
        <source>Select a batch in the list to see its photos.</source>
        <translation>リストからバッチを選ぶと、その写真が表示されます。</translation>
    </message>
    <message>
        <location line="-69"/>
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
        <location line="+47"/>
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
        <source>batch score (FRD, higher = more unusual)</source>
        <translation>バッチのスコア（FRD、高いほど異常）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>batches</source>
        <translation>バッチ数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many batches got each score. Drag the line: batches to its right are rejected.</source>
        <translation>各スコアのバッチ数です。線をドラッグしてください。線より右のバッチは除外されます。</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location filename="../../badbatch_gui/gui/pages/batch_check/batch_table.py" line="+25"/>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score (FRD)</source>
        <translation>スコア (FRD)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your decision</source>
        <translation>あなたの判断</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The batch&apos;s number in training&apos;s first round.</source>
        <translation>学習の1巡目でのバッチ番号です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How different the two augmented views of the batch look to the network; higher is worse.</source>
        <translation>バッチの2つの変化させた画像が、ネットワークにどれだけ違って見えるかを示します。高いほど悪い状態です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whether the score is above the threshold.</source>
        <translation>スコアがしきい値を超えているかどうかです。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you decided for this batch&apos;s photos.</source>
        <translation>このバッチの写真についてのあなたの判断です。</translation>
    </message>
    <message>
        <location line="+11"/>
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
    <message>
        <location line="+4"/>
        <source>{0} rejected</source>
        <translation>{0} 枚除外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} kept</source>
        <translation>{0} 枚使用</translation>
    </message>
</context>
<context>
    <name>CheckControls</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/check_controls.py" line="+93"/>
        <source>The batch size was lowered to {0} so this folder gives at least {1} batches, which the automatic threshold needs.</source>
        <translation>自動しきい値には {1} 個以上のバッチが必要なため、バッチサイズを {0} に下げました。</translation>
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
    <name>ErrorDialog</name>
    <message>
        <location filename="../../badbatch_gui/gui/dialogs/error_dialog.py" line="+33"/>
        <source>Something needs your attention</source>
        <translation>確認が必要です</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Show details</source>
        <translation>詳細を表示</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy details</source>
        <translation>詳細をコピー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies the message and technical details, to paste into an e-mail to support.</source>
        <translation>メッセージと技術的な詳細をコピーします。サポートへのメールに貼り付けてください。</translation>
    </message>
    <message>
        <location line="+2"/>
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
    <name>ExportPage</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/export/page.py" line="+54"/>
        <source>The training run whose encoder is saved.</source>
        <translation>保存する特徴ネットワークを学習した実行です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trained run</source>
        <translation>学習済みの実行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Encoder weights for PyTorch (safetensors), with a model card and a loading example</source>
        <translation>PyTorch 用の特徴ネットワークの重み（safetensors）、モデルカードと読み込み例付き</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Always saved: the trained encoder in a safe file format.</source>
        <translation>常に保存されます: 学習済みの特徴ネットワークを安全なファイル形式で保存します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ONNX file, for programs that do not use PyTorch</source>
        <translation>ONNX ファイル（PyTorch を使わないプログラム用）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also save the encoder as ONNX; it is checked against the original.</source>
        <translation>特徴ネットワークを ONNX でも保存します。元のネットワークと同じ結果になるか確認します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not available: the optional ONNX packages (onnx, onnxscript) are not installed on this computer.</source>
        <translation>使用できません: このコンピューターにはオプションの ONNX パッケージ（onnx、onnxscript）がインストールされていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Formats</source>
        <translation>形式</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The folder in which a new folder with the exported encoder is made.</source>
        <translation>書き出した特徴ネットワークを入れる新しいフォルダーを、このフォルダーの中に作ります。</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+2"/>
        <source>Save the encoder, then check that the saved copy gives the same answers as the trained one.</source>
        <translation>特徴ネットワークを保存し、保存したものが学習済みのものと同じ結果を出すか確認します。</translation>
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
        <location line="+89"/>
        <source>Choose a trained run and a destination first.</source>
        <translation>先に学習済みの実行と保存先を選んでください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The destination cannot be used: {0}</source>
        <translation>この保存先は使えません: {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Another task is running; export when it has finished.</source>
        <translation>別の処理が実行中です。終わってから書き出してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting to {0}…</source>
        <translation>{0} に書き出しています…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Self-test passed: the saved encoder gives the same answers as the trained one (largest difference {0:.1e}, allowed {1:.0e}).</source>
        <translation>セルフテスト合格: 保存した特徴ネットワークは学習済みのものと同じ結果を出します（最大の差 {0:.1e}、許容値 {1:.0e}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Self-test FAILED: the saved encoder differs from the trained one by {0:.1e} (allowed {1:.0e}).</source>
        <translation>セルフテスト不合格: 保存した特徴ネットワークは学習済みのものと {0:.1e} 違います（許容値 {1:.0e}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved in {0}</source>
        <translation>保存先: {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files: {0}</source>
        <translation>ファイル: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ONNX file gives the same answers as the encoder.</source>
        <translation>ONNX ファイルは特徴ネットワークと同じ結果を出します。</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+4"/>
        <source>This run did not finish; the encoder from its last saved point is exported.</source>
        <translation>この実行は最後まで終わっていません。最後に保存された時点の特徴ネットワークを書き出します。</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location filename="../../badbatch_gui/gui/pages/batch_check/findings_panel.py" line="+62"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>looks fine</source>
        <translation>問題なし</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How unusual, compared with the whole folder: {0:.2f} (1 or more looks wrong)</source>
        <translation>フォルダー全体と比べた異常さ: {0:.2f}（1以上で問題あり）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Left out of training.</source>
        <translation>学習から外しています。</translation>
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
        <location line="+23"/>
        <source>Show the photos flagged for one reason, all of them, or the least typical photos of the folder whether flagged or not.</source>
        <translation>理由ごとの問題のある写真、問題のある写真すべて、または問題の有無にかかわらずフォルダーで最も典型的でない写真を表示します。</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <source>Use the selected photos for training even though they were flagged.</source>
        <translation>問題ありと判定されても、選択した写真を学習に使います。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget your decisions for the selected photos.</source>
        <translation>選択した写真についての判断を取り消します。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Leave out all flagged</source>
        <translation>問題のある写真をすべて外す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave every flagged photo you have not kept out of training.</source>
        <translation>「使う」にしていない問題のある写真を、すべて学習から外します。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>All that look wrong ({0})</source>
        <translation>問題のある写真すべて（{0}）</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <translation>問題のある写真はありません。どの写真もフォルダーの典型的な写真に近いです。</translation>
    </message>
</context>
<context>
    <name>ForecastPanel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/forecast_panel.py" line="+50"/>
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
        <location line="+45"/>
        <source>Another task is running; check memory when it has finished.</source>
        <translation>別の処理が実行中です。終わってからメモリーを確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Measuring memory with one trial batch…</source>
        <translation>試しに1バッチ動かしてメモリーを測っています…</translation>
    </message>
    <message>
        <location line="+37"/>
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
    <name>ForecastWorker</name>
    <message>
        <location filename="../../badbatch_gui/gui/tasks/train_workers.py" line="+158"/>
        <source>Even one trial batch did not fit in memory. Choose a smaller batch size or image size.</source>
        <translation>試しの1バッチさえメモリーに収まりませんでした。バッチサイズか画像サイズを小さくしてください。</translation>
    </message>
</context>
<context>
    <name>ImageRow</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/batch_check/batch_review.py" line="-150"/>
        <source>score {0:.3g}</source>
        <translation>スコア {0:.3g}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This photo&apos;s share of the batch score: how much the batch changes without it (or, in the augmentation check, how much its two views disagree). Higher means more unusual.</source>
        <translation>バッチのスコアのうち、この写真の分です。この写真を除くとバッチがどれだけ変わるかを示します（拡張チェックでは、2つのビューがどれだけ食い違うか）。高いほど異常です。</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <source>Reject</source>
        <translation>除外</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave this photo out of training.</source>
        <translation>この写真を学習から外します。</translation>
    </message>
</context>
<context>
    <name>ImagesPage</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/images/page.py" line="+56"/>
        <source>&lt;h2&gt;1 · Images&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;1 · 画像&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder that holds your part photos. The app checks every file and never changes, moves or copies your photos.</source>
        <translation>部品の写真が入ったフォルダーを選んでください。アプリはすべてのファイルを確認しますが、写真を変更・移動・コピーすることはありません。</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <translation>問題のあるファイル</translation>
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
        <location line="+103"/>
        <source>most common size (pixels)</source>
        <translation>最も多いサイズ（ピクセル）</translation>
    </message>
    <message>
        <location line="-102"/>
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
        <location line="+13"/>
        <source>Drop a folder of photos here, or click “Choose folder…”.

New to the app? Click “Try the demo images”.</source>
        <translation>ここに写真のフォルダーをドロップするか、「フォルダーを選ぶ…」をクリックしてください。

初めての方は「デモ画像を試す」をクリックしてください。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose the folder with your part photos</source>
        <translation>部品の写真があるフォルダーを選んでください</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No folder chosen yet.</source>
        <translation>フォルダーはまだ選ばれていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>フォルダー: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location line="+9"/>
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
    <name>LeaveOutRow</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/leave_out_row.py" line="+24"/>
        <source>Leave out the photos that look wrong</source>
        <translation>問題のある写真を学習から外す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos the Batch check flags as bad shots (too dark, blurry, cut off…) are left out of training. Untick to use them anyway; keep single photos on the Batch check page.</source>
        <translation>バッチ確認で失敗写真と判定された写真（暗すぎる、ぼやけている、はみ出している など）を学習から外します。それでも使う場合はチェックを外してください。1枚ずつ使う場合は、バッチ確認のページで「使う」にしてください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Review…</source>
        <translation>確認…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the flagged photos on the Batch check page, where you can keep any of them.</source>
        <translation>問題のある写真をバッチ確認のページに表示します。そこで写真ごとに「使う」にできます。</translation>
    </message>
</context>
<context>
    <name>LivePlot</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/live_plot.py" line="+195"/>
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
    <name>MainWindow</name>
    <message>
        <location filename="../../badbatch_gui/gui/main_window.py" line="+95"/>
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
        <location line="+59"/>
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
        <location line="+19"/>
        <source>Choose the folder with your part photos</source>
        <translation>部品の写真があるフォルダーを選んでください</translation>
    </message>
    <message>
        <location line="+16"/>
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
        <location line="+15"/>
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
        <location line="+32"/>
        <source>Stopping background work…</source>
        <translation>バックグラウンドの処理を停止しています…</translation>
    </message>
</context>
<context>
    <name>MemoryBar</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/memory_bar.py" line="+97"/>
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
        <location filename="../../badbatch_gui/gui/text/memory_text.py" line="+17"/>
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>gradients</source>
        <translation>勾配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>optimizer</source>
        <translation>最適化の状態</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>activations</source>
        <translation>中間データ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sampler</source>
        <translation>サンプラー</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>batch check</source>
        <translation>バッチチェック</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <location line="+6"/>
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
    <name>PlainMessages</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/plain_messages.py" line="+36"/>
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
        <location line="+15"/>
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
        <location line="+4"/>
        <source>The run was stopped before its first checkpoint, so it starts again from the beginning with its saved settings.</source>
        <translation>この学習は最初のチェックポイントより前に停止したため、保存された設定で最初からやり直します。</translation>
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
            <numerusform>%n 枚の写真に問題があります</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>No photo looks wrong (%n photo(s) checked).</source>
        <translation>
            <numerusform>問題のある写真はありません（%n 枚を確認）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) flagged as bad shots will be left out</source>
        <translation>
            <numerusform>失敗写真と判定された %n 枚を学習から外します</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s) flagged as bad shots will be used anyway</source>
        <translation>
            <numerusform>失敗写真と判定された %n 枚も学習に使います</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
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
        <source>%n photo(s) you rejected are left out of these batches.</source>
        <translation>
            <numerusform>あなたが除外した写真 %n 枚は、これらのバッチに含まれていません。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/problem_text.py" line="+13"/>
        <source>The file is empty (0 bytes).</source>
        <translation>ファイルが空です（0 バイト）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not a picture in a supported format (JPEG, PNG, BMP, TIFF, WebP).</source>
        <translation>対応している形式（JPEG、PNG、BMP、TIFF、WebP）の画像ではありません。</translation>
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
</context>
<context>
    <name>ReasonText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/reason_text.py" line="+24"/>
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
    <name>RunList</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/run_list.py" line="+60"/>
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
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training time</source>
        <translation>学習時間</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <location filename="../../badbatch_gui/gui/pages/train/run_monitor.py" line="+41"/>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs</source>
        <translation>実行一覧</translation>
    </message>
    <message>
        <location line="+57"/>
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
        <location line="+13"/>
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
        <location filename="../../badbatch_gui/gui/text/run_text.py" line="+20"/>
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
        <location line="+23"/>
        <source> ({0} kept by you).</source>
        <translation>（うち {0} 枚はあなたが「使う」に設定）。</translation>
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
        <location line="+4"/>
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
        <location line="-12"/>
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
        <location line="+4"/>
        <source>Most batches hold a photo that looks wrong, so many batches look unrepresentative. Leave the flagged photos out (training does this by default) rather than rejecting whole batches, then check again.</source>
        <translation>ほとんどのバッチに問題のある写真が含まれているため、多くのバッチが代表的でないと判定されています。バッチごと除外するのではなく、問題のある写真を外してから（学習では初期設定で外します）、もう一度確認してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder&apos;s typical photos ({0}) are what each batch is compared with; the {1} photos far from the rest are not part of that yardstick.</source>
        <translation>各バッチはフォルダーの典型的な写真（{0} 枚）と比較しています。ほかと大きく違う {1} 枚は、この基準に含めていません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The threshold you typed was set for another batch size or check mode; its meaning may differ.</source>
        <translation>入力したしきい値は別のバッチサイズまたはチェック方法で決めたものです。意味が異なる場合があります。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Compares each batch&apos;s photos with the folder&apos;s typical photos, so batches holding bad shots (dark, blurry, cut off…) stand out.</source>
        <translation>各バッチの写真をフォルダーの典型的な写真と比べます。失敗写真（暗い、ぼやけている、はみ出している など）を含むバッチが目立ちます。</translation>
    </message>
    <message>
        <location line="+2"/>
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
    <message>
        <location line="+25"/>
        <source>Scored in “{0}” mode with batches of {1}, using: {2}.</source>
        <translation>「{0}」モード、バッチサイズ {1}、使用ネットワーク: {2} で採点しました。</translation>
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
        <location filename="../../badbatch_gui/gui/pages/train/setup_panel.py" line="+30"/>
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
        <location line="+23"/>
        <source>No photos yet: open a folder on the Images step.</source>
        <translation>写真がまだありません。「画像」ステップでフォルダーを開いてください。</translation>
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
    <name>StatusBanner</name>
    <message>
        <location filename="../../badbatch_gui/gui/widgets/status_banner.py" line="+34"/>
        <source>Hide this message.</source>
        <translation>このメッセージを隠します。</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../badbatch_gui/gui/widgets/task_status.py" line="+21"/>
        <source>Loading the machine-learning runtime…</source>
        <translation>機械学習ランタイムを読み込み中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The processor used for scoring and training; a graphics card (GPU) is much faster than the CPU.</source>
        <translation>採点と学習に使うプロセッサーです。グラフィックボード（GPU）は CPU よりずっと高速です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+44"/>
        <source>No folder</source>
        <translation>フォルダーなし</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>The folder of photos you are working on.</source>
        <translation>作業中の写真フォルダーです。</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location filename="../../badbatch_gui/gui/pages/train/page.py" line="+98"/>
        <source>Open a folder of photos on the Images step first.</source>
        <translation>先に「画像」ステップで写真のフォルダーを開いてください。</translation>
    </message>
    <message>
        <location line="+17"/>
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
        <location line="+52"/>
        <source>Another task is running; wait for it to finish first.</source>
        <translation>別の処理が実行中です。終わるまで待ってください。</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Training was not started: see the Memory box for why and what to change.</source>
        <translation>学習は開始されませんでした。理由と変更すべき点は「メモリー」欄を見てください。</translation>
    </message>
</context>
<context>
    <name>TrainSettingsPanel</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/settings_panel.py" line="+40"/>
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
        <location line="+10"/>
        <source>EMC2 with stored embeddings (the default) compares each photo with a stored copy of the photos its chains currently point to. EMC2 (paper) works as the EMC2 paper intends and looks at those photos again at every step: about a third more work per step and one graphics card, and in our measurements no more accurate. SimCLR and SogCLR are for comparison.</source>
        <translation>EMC2（保存した埋め込み）は標準の方式で、各写真を、チェーンが今指している写真の保存しておいた写しと比べます。EMC2（論文どおり）は EMC2 の論文が意図するとおりに、それらの写真を毎ステップ見直します。1ステップあたりの計算が約3分の1増え、グラフィックボードは1枚で学習しますが、私たちの測定ではより正確にはなりませんでした。SimCLR と SogCLR は比較用です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Photos processed together in one step. Smaller needs less memory.</source>
        <translation>1ステップでまとめて処理する写真の枚数です。小さいほど必要なメモリーが減ります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many times training goes through all photos.</source>
        <translation>学習がすべての写真を何周するかです。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+81"/>
        <source>{0} px</source>
        <translation>{0} px</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Photos are shrunk to this many pixels per side for training. Larger sees finer detail but is slower.</source>
        <translation>学習では写真の一辺をこのピクセル数に縮小します。大きいほど細部まで見えますが、時間がかかります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skip unrepresentative batches</source>
        <translation>代表的でないバッチをスキップ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batches that look unlike the rest of the folder are re-drawn or skipped instead of trained on.</source>
        <translation>フォルダーの他の写真と様子が違うバッチは、学習に使わずに引き直すかスキップします。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Same seed, same photos and settings: the same run again.</source>
        <translation>シード・写真・設定が同じなら、同じ学習をもう一度再現できます。</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <source>Epochs</source>
        <translation>エポック数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image size</source>
        <translation>画像サイズ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use all graphics cards</source>
        <translation>すべてのグラフィックボードを使う</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+125"/>
        <source>Train on every graphics card of this computer at once; each batch is split between them.</source>
        <translation>このコンピューターのすべてのグラフィックボードで同時に学習します。各バッチはボード間で分割されます。</translation>
    </message>
    <message>
        <location line="-93"/>
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
        <location line="+89"/>
        <source>EMC2 (paper) trains on one graphics card. Choose another method in the Advanced settings to use all of them.</source>
        <translation>EMC2（論文どおり）はグラフィックボード1枚で学習します。すべてのボードを使うには、詳細設定で別の方式を選んでください。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>(You changed some settings.)</source>
        <translation>（設定の一部が変更されています。）</translation>
    </message>
</context>
<context>
    <name>TrainText</name>
    <message>
        <location filename="../../badbatch_gui/gui/text/train_text.py" line="+21"/>
        <source>Progress saved (step {0}).</source>
        <translation>途中経過を保存しました（ステップ {0}）。</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+10"/>
        <source>EMC2 (paper)</source>
        <translation>EMC2（論文どおり）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EMC2 with stored embeddings</source>
        <translation>EMC2（保存した埋め込み）</translation>
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
        <location line="+15"/>
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
        <location line="+7"/>
        <source>A short trial on up to {0} small photos: checks that everything works in a few minutes before you start a long run.</source>
        <translation>最大{0}枚の小さな写真での短い試運転です。長い学習を始める前に、数分ですべてが動くことを確認します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The everyday choice for a workstation graphics card: {0} passes over all photos.</source>
        <translation>ワークステーションのグラフィックボード向けの普段使いの設定です。すべての写真を{0}周します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batches of {0} photos, so this fits a small graphics card; EMC2 is designed to train well with small batches.</source>
        <translation>1 バッチ {0} 枚の写真で学習するので、小さなグラフィックボードでも収まります。EMC2 は小さなバッチでもうまく学習できるように作られた方式です。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The settings of the EMC2 research paper: slow, for comparing with published results.</source>
        <translation>EMC2 の研究論文の設定です。時間がかかります。公表された結果との比較用です。</translation>
    </message>
    <message>
        <location line="+17"/>
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
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../../badbatch_gui/gui/pages/train/training_plots.py" line="+44"/>
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
        <source>each step</source>
        <translation>各ステップ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smoothed</source>
        <translation>平滑化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all photos, per pass</source>
        <translation>全写真（周回ごと）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at the start</source>
        <translation>開始時</translation>
    </message>
    <message>
        <location line="+1"/>
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
    <name>Worker</name>
    <message>
        <location filename="../../badbatch_gui/gui/tasks/runner.py" line="+42"/>
        <source>The computer ran out of memory. Close other programs or choose smaller settings.</source>
        <translation>コンピューターのメモリーが足りなくなりました。ほかのプログラムを閉じるか、設定を小さくしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something went wrong: {0}</source>
        <translation>問題が発生しました: {0}</translation>
    </message>
</context>
</TS>
