/**
 * Quechua and Aymara surnames and given names common in Peru and Bolivia, which the Spanish and
 * English frequency lists of zxcvbn-ts lack. Origin: compiled by hand for Custodia from the
 * surnames that recur in Peruvian and Bolivian public registries and staff directories (no external
 * data set was copied); spelled as they are registered, with and without the ñ. Extend it freely:
 * entries are folded (case and accents) before use.
 */
export const ANDEAN_NAMES: readonly string[] = `
Ancasi Anccasi Apaza Arapa Atahualpa Aymara Cahuana Calcina Callisaya Cama Canaza Canqui Cari Catacora Ccahuana
Ccallo Ccapa Ccari Ccasa Ccolque Ccopa Ccori Ccoyllo Chalco Chambi Chata Chipana Choque Choquehuanca Choquecota Chura
Chuquimia Chuquicallata Coaquira Colque Condo Condori Copa Cusi Cusicanqui Cutipa Guaman Hancco Huacho Huahuasoncco Huallpa
Huaman Huamán Huamani Huamaní Huamanchumo Huanca Huancahuari Huaranca Huarcaya Huarachi Huaraca Huayhua Huaylla Huillca Illanes
Inca Inga Kantuta Laime Layme Limachi Llanque Llaulli Llave Machaca Mamani Mayta Maquera Misme Nina Ninaja
Ñaupari Naupari Ñahui Ñaupa Pacco Paucar Pauccar Pari Poma Puma Pumacahua Pusari Quecaño Quenta Quilla Quillca Quisbert
Quispe Quispecahua Quispicusi Rimachi Sacaca Sallo Saico Sonco Soncco Sullca Supo Surco Tacuri Taipe Tapara Taype Ticona Tinta
Titto Tito Toque Turpo Tupac Tupa Uchuya Ucharico Vilca Vilcapoma Villca Wanka Yana Yanarico Yapura Yauri Yucra Yupanqui
Amaru Ayar Cusi Illa Inti Killa Kusi Nayra Pacha Qori Sumaq Suyana Tika Wayra Yaku Yupa Wari Mallku Sisa Urpi Wiñay
`
  .trim()
  .split(/\s+/);
