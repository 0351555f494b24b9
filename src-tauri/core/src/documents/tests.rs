//! Tests of the engine measured with real PDF readers (poppler's pdftotext/pdffonts, qpdf).

use super::*;
use super::model::*;

fn sample() -> Document {
    let mut d = Document::new("测试文件");
    d.para(Paragraph::title("关于《政府工作报告》的协商意见"));
    d.push(Block::Blank);
    d.body_text("一、总体情况\n会议认为，2020年以来，市政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中、四中、五中全会精神，统筹推进疫情防控和经济社会发展，GB/T 9704-2012 格式规范得到落实，全年地区生产总值增长3.5%。\n（一）加强学习。会议要求各专门委员会加强学习，提高履职能力。\n1.完善制度建设。", "正文");
    d.para(Paragraph::name_list("出席", &["李堃".to_string(), "陈喆".to_string(), "刘燊".to_string(), "周𠮷祥".to_string(), "王五".to_string()]));
    d.colophon = Some(Colophon { cc: None, issuer: "政协安宁市委员会办公室".into(), date: "2021年1月19日".into() });
    d
}

#[test]
fn spike_writes_a_pdf() {
    let fonts = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
    let t = std::time::Instant::now();
    let r = render_pdf(&sample(), &fonts).expect("pdf");
    eprintln!("render {:?}, {} bytes, warnings {:?}", t.elapsed(), r.bytes.len(), r.warnings);
    std::fs::write("/tmp/spike.pdf", &r.bytes).expect("write");
}
